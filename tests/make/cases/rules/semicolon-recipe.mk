# A recipe may start after ';' on the rule line and go on with TAB lines.
all: dep ; @echo first line $@
	@echo second line
dep:;@echo dep
