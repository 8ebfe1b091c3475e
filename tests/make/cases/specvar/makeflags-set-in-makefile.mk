# Options added to MAKEFLAGS in the makefile take effect (-s here).
MAKEFLAGS += -s
all: ; echo not echoed
