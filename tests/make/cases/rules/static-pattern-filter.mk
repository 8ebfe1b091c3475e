# The $(filter) idiom picks the targets of a static pattern rule.
files = a.c b.h c.c
all: $(files:%=%.done)
$(filter %.c.done,$(files:%=%.done)): %.done: %
	@echo compile $<
$(filter %.h.done,$(files:%=%.done)): %.done: %
	@echo header $<
#!file a.c
#!file b.h
#!file c.c
