# Two sub-makes under -j2 run at once: 'one' waits for a file that 'two' creates.
#! args: -j2 --no-print-directory
all: one two
one: ; @$(MAKE) -C one
two: ; @$(MAKE) -C two
.PHONY: one two
#!file one/Makefile
all: ; @i=0; while [ ! -f ../two.done ] && [ $$i -lt 100 ]; do sleep 0.05; i=$$((i+1)); done; rm -f ../two.done; echo one
#!file two/Makefile
all: ; @echo two; touch ../two.done
