# Under -n, rules for included makefiles still run (only the goals are not executed).
#! args: -n
include inc.mk
all: ; echo 'all with I=$(I)'
inc.mk: ; echo 'I = yes' > $@
