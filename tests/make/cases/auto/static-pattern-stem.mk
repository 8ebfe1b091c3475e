# $* in a static pattern rule.
all: a.out sub/b.out
a.out sub/b.out: %.out: %.in
	@echo '$@ <- $< ($*)'
#!file a.in
#!file sub/b.in
