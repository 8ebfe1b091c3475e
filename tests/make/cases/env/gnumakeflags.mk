# GNUMAKEFLAGS is read like MAKEFLAGS (and emptied).
#! env: GNUMAKEFLAGS=-s
$(info [$(GNUMAKEFLAGS)] $(origin GNUMAKEFLAGS))
all: ; echo quiet
