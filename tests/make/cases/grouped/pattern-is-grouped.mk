# A pattern rule with several targets is grouped: one run makes both.
all: x.h x.c
%.h %.c: %.y ; @echo 'generate from $< as $@'; touch $*.h $*.c
#!file x.y
