# A failure two levels down is reported at every level.
all: ; @$(MAKE) -C a
#!file a/Makefile
all: ; @$(MAKE) -C b
#!file a/b/Makefile
all: ; @echo failing; exit 5
