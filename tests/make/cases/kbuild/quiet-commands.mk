# The V=/Q idiom: quiet_cmd_ text unless V=1.
#! args: V=1 all2
ifeq ($(V),1)
  Q =
  quiet =
else
  Q = @
  quiet = quiet_
endif
echo-cmd = $(if $($(quiet)cmd_$(1)),echo '  $($(quiet)cmd_$(1))';)
cmd = @$(echo-cmd) $(cmd_$(1))
quiet_cmd_touch = TOUCH   $@
      cmd_touch = touch $@
all2: a b
a b:
	$(call cmd,touch)
