# Several vpath directives for one pattern are searched in order; VPATH comes last.
VPATH = third
vpath %.c first
vpath %.c second
all: x.c y.c z.c
	@echo $^
#!file first/x.c
#!file second/x.c
#!file second/y.c
#!file third/y.c
#!file third/z.c
