# The command-line-change idiom: a saved .cmd file makes a target rebuild when its command changes.
#! args: FLAGS=-O2
-include .out.cmd
cmd_out = echo $(FLAGS) > $@
changed = $(filter-out $(cmd_$@),$(savedcmd_$@))$(filter-out $(savedcmd_$@),$(cmd_$@))
if_changed = $(if $(strip $(filter-out FORCE,$?) $(changed)),@echo '  GEN     $@'; $(cmd_$(1)); printf '%s\n' 'savedcmd_$@ := $(cmd_$(1))' > .$@.cmd)
out: in FORCE
	$(call if_changed,out)
FORCE:
.PHONY: FORCE
#!file in mtime=-10
#!file out mtime=-5
-O1
#!file .out.cmd mtime=-5
savedcmd_out := echo -O1 > out
