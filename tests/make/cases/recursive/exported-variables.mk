# Exported variables reach sub-makes as environment variables.
export E = exported
N = not-exported
all:
	@$(MAKE) -f sub.mk
#!file sub.mk
all: ; @echo 'E=$(E) ($(origin E)) N=[$(N)]'
