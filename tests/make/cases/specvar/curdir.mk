# CURDIR is the working directory (after -C); setting it does not change directory.
$(info $(CURDIR) $(origin CURDIR) $(flavor CURDIR))
CURDIR = elsewhere
all: ; @echo $(CURDIR); pwd
