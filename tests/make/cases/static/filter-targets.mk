# $(filter) picks the targets a static pattern rule applies to.
FILES = a.c b.h c.c
all: $(filter %.o,$(FILES:.c=.o))
$(filter %.o,$(FILES:.c=.o)): %.o: %.c ; @echo 'compile $<'
#!file a.c
#!file c.c
