# A rule with several targets is one rule per target.
all: a b
a b: dep
	@echo making $@ from $<
dep: ; @echo dep
