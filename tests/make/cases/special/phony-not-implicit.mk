# Implicit rules are not searched for .PHONY targets.
all: x.o ; @echo done
.PHONY: x.o
%.o: %.c ; @echo compile $@
#!file x.c
