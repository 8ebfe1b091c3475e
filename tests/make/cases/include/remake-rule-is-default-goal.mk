# The rule of an included makefile can become the default goal by accident.
include gen.mk
gen.mk:
	echo 'X = 1' > $@
all: ; @echo all
