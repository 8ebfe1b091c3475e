# Automatic variables carry vpath directories.
vpath %.c src
all: a.o
a.o: a.c
	@echo '<=$< <D=$(<D) <F=$(<F)'
#!file src/a.c
