# After a restart, command-line variables and goals are still in effect.
#! args: V=cmd show
include gen.mk
show: ; @echo 'V=$(V) G=$(G) goals=$(MAKECMDGOALS)'
gen.mk: ; @echo 'G = gen' > $@
