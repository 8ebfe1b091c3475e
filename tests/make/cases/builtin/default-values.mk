# The built-in variables' values.
$(foreach v,CC CXX CPP AS AR ARFLAGS LD LEX YACC RM MAKEINFO TEX FC PC OUTPUT_OPTION COMPILE.c LINK.o LINK.c,$(info $(v) = [$(value $(v))]))
all: ; @:
