# In a pattern rule without a directory, the stem keeps the target's directory; D/F forms split it.
all: sub/dir/x.o
%.o: %.c
	@echo '*=$* *D=$(*D) *F=$(*F)'
	@echo '@D=$(@D) @F=$(@F) <D=$(<D) <F=$(<F)'
#!file sub/dir/x.c
