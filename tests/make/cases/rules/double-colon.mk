# Double-colon rules are independent: each runs when its own prerequisites are newer.
all: t
t:: a
	@echo 't from a'
t:: b
	@echo 't from b'
#!file a mtime=-10
#!file b
#!file t mtime=-5
