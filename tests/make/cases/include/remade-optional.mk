# A missing -include file with a rule is made too.
all: ; @echo all $(GEN)
-include gen.mk
$(info pass [$(MAKE_RESTARTS)] [$(GEN)])
gen.mk:
	echo 'GEN = yes' > $@
