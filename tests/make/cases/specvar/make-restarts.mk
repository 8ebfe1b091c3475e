# MAKE_RESTARTS is undefined until make restarts.
$(info [$(MAKE_RESTARTS)] $(origin MAKE_RESTARTS))
all: ; @echo final [$(MAKE_RESTARTS)]
-include gen.mk
gen.mk: ; @echo '# gen' > $@
