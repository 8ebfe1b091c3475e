# MAKEFLAGS holds single-letter options first, then long ones, then variables.
#! args: -k -s -i -r -e --no-print-directory -I inc V=1 'W=a b'
$(info [$(MAKEFLAGS)])
all: ; @echo "env: [$$MAKEFLAGS]"
#!dir inc
