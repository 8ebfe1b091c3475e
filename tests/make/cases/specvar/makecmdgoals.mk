# MAKECMDGOALS lists the goals given on the command line.
#! args: b X=1 a
$(info [$(MAKECMDGOALS)])
a b: ; @echo $@
