# A missing included makefile with a rule is made, then make restarts and reads it.
$(info pass $(MAKE_RESTARTS))
include gen.mk
all: ; @echo 'all: V=$(V)'
gen.mk:
	@echo making $@
	@echo 'V = generated' > $@
