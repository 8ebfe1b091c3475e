# The D and F forms split paths.
all: out/sub/t.x
out/sub/t.x: src/a.c b.c
	@echo '@D=$(@D) @F=$(@F)'
	@echo '<D=$(<D) <F=$(<F)'
	@echo '^D=$(^D) ^F=$(^F)'
	@echo '+D=$(+D) ?F=$(?F)'
src/a.c b.c: ; @:
