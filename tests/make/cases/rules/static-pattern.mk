# Static pattern rules: targets: target-pattern: prereq-patterns.
objs = a.o b.o
all: $(objs)
$(objs): %.o: %.c
	@echo '$@ from $< stem $*'
#!file a.c
#!file b.c
