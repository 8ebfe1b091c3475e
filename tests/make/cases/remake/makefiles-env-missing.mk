# A missing file named in $(MAKEFILES) is ignored silently.
#! env: MAKEFILES=nothere.mk
all: ; @echo fine
