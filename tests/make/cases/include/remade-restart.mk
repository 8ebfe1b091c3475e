# An included makefile that a rule makes is made, then make starts over.
all: ; @echo all with $(GEN)
include gen.mk
$(info pass [$(MAKE_RESTARTS)]: GEN=$(GEN))
gen.mk: gen.in
	@echo making $@
	@echo 'GEN = generated' > $@
#!file gen.in
