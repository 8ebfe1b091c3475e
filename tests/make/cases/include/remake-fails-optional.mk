# A failing rule for a -include file.
all: ; @echo all
-include gen.mk
gen.mk:
	@echo trying; exit 1
