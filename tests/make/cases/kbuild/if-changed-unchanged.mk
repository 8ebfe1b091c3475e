# The same idiom with an unchanged command: nothing runs.
-include .out.cmd
FLAGS = -O2
cmd_out = echo $(FLAGS) > $@
changed = $(filter-out $(cmd_$@),$(savedcmd_$@))$(filter-out $(savedcmd_$@),$(cmd_$@))
if_changed = $(if $(strip $(filter-out FORCE,$?) $(changed)),@echo '  GEN     $@'; $(cmd_$(1)); printf '%s\n' 'savedcmd_$@ := $(cmd_$(1))' > .$@.cmd)
out: in FORCE
	$(call if_changed,out)
FORCE:
.PHONY: FORCE
#!file in mtime=-10
#!file out mtime=-5
-O2
#!file .out.cmd mtime=-5
savedcmd_out := echo -O2 > out
