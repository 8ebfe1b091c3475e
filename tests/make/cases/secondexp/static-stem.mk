# $$* and $$@ in a static pattern rule's prerequisites.
.SECONDEXPANSION:
OBJS = p.o q.o
deps_p = p.c p.h
deps_q = q.c
all: $(OBJS)
$(OBJS): %.o: $$(deps_$$*) ; @echo '$@: $^'
#!file p.c
#!file p.h
#!file q.c
