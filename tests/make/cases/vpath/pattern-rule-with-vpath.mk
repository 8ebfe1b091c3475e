# Implicit rules see vpath-found prerequisites.
vpath %.src srcdir
%.out: %.src
	@echo '$< -> $@'
all: a.out
#!file srcdir/a.src
