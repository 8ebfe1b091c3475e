# Update a generated file only when its content changes.
define filechk
	@echo '$(1)' > $@.tmp
	@if cmp -s $@ $@.tmp; then rm -f $@.tmp; else echo '  UPD     $@'; mv -f $@.tmp $@; fi
endef
all: same.h new.h
same.h new.h: FORCE
	$(call filechk,#define X 1)
FORCE:
#!file same.h mtime=-10
#define X 1
