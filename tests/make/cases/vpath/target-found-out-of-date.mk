# A target found through VPATH but out of date is rebuilt here (its path is dropped).
VPATH = build
all: out.o
	@echo using $<
out.o: in.c
	@echo rebuild $@
	@touch $@
#!file in.c
#!file build/out.o mtime=-10
