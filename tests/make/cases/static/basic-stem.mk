# A static pattern rule: each target's stem gives its prerequisites.
OBJS = a.o b.o
all: $(OBJS)
$(OBJS): %.o: %.c ; @echo '$@ <- $< (stem $*)'
#!file a.c
#!file b.c
