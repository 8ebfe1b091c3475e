# Two levels of sub-makes: make[1] and make[2] directory lines.
all: ; @$(MAKE) -C a
#!file a/Makefile
all: ; @echo 'level $(MAKELEVEL)'; $(MAKE) -C b
#!file a/b/Makefile
all: ; @echo 'level $(MAKELEVEL)'
