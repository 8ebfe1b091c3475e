# MFLAGS is the old form: options only, with a dash.
#! args: -k -s X=1
$(info [$(MFLAGS)] [$(MAKEOVERRIDES)])
all: ; @:
