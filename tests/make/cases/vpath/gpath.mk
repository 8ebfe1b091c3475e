# With GPATH, an out-of-date target found in that directory is rebuilt there.
VPATH = build
GPATH = build
all: out.o
	@echo using $<
out.o: in.c
	@echo rebuild $@
	@touch $@
#!file in.c
#!file build/out.o mtime=-10
