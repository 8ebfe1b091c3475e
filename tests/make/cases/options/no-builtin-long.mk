# --no-builtin-rules and --no-builtin-variables long forms.
#! args: --no-builtin-rules --no-builtin-variables
$(info [$(CC)] [$(MAKEFLAGS)])
all: ; @:
