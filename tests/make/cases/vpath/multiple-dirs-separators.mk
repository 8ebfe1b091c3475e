# Directories may be separated by ':' or blanks.
vpath %.x one two:three
all: a.x b.x c.x
	@echo $^
#!file one/a.x
#!file two/b.x
#!file three/c.x
