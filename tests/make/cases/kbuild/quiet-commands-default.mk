# The V=/Q idiom without V: the short text is shown.
ifeq ($(V),1)
  quiet =
else
  quiet = quiet_
endif
echo-cmd = $(if $($(quiet)cmd_$(1)),echo '  $($(quiet)cmd_$(1))';)
cmd = @$(echo-cmd) $(cmd_$(1))
quiet_cmd_touch = TOUCH   $@
      cmd_touch = touch $@
all: a
a:
	$(call cmd,touch)
