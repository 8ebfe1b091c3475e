# A generated makefile that includes another generated one needs two restarts.
$(info restarts=[$(MAKE_RESTARTS)])
include one.mk
all: ; @echo 'A=$(A) B=$(B)'
one.mk: ; @printf 'A = 1\ninclude two.mk\n' > $@
two.mk: ; @echo 'B = 2' > $@
