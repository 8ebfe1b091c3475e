# A target found through VPATH and up to date is used in place.
VPATH = build
all: out.o
	@echo using $<
out.o: in.c
	@echo rebuild $@
#!file in.c mtime=-10
#!file build/out.o
