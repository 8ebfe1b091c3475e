# A command-line value with blanks reaches the sub-make intact.
#! args: 'V=a  b c'
all: ; @$(MAKE) -f sub.mk
#!file sub.mk
all: ; @echo 'V=[$(V)]'
