# Per-object flags with $(CFLAGS_$(basetarget).o) and target-specific pattern values.
basetarget = $(basename $(notdir $@))
CFLAGS_foo.o := -DFOO
c_flags = -Wall $(CFLAGS_$(basetarget).o) $(ccflags)
%.o: ccflags = -DPAT
all: foo.o bar.o
%.o: %.c ; @echo 'cc $(c_flags) -c $<'
#!file foo.c
#!file bar.c
