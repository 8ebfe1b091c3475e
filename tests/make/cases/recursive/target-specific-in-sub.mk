# Target-specific exported values reach the sub-make of that target.
sub: export V = for-sub
all: sub
sub: ; @$(MAKE) -f sub.mk
#!file sub.mk
all: ; @echo 'V=$(V)'
