# 'export NAME' before NAME is defined still exports its final value.
export LATER
all: ; @$(MAKE) -f sub.mk
LATER = defined-after
#!file sub.mk
all: ; @echo 'LATER=$(LATER)'
