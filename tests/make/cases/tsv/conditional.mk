# Target-specific '?=' only when the variable is undefined.
defined = global
all: defined ?= target
all: undefined ?= target
all: ; @echo '$(defined) $(undefined)'
