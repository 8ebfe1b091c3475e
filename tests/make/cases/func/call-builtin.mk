# $(call) with the name of a built-in function calls the function.
$(info $(call subst,a,b,banana) $(call filter,%.c,x.c y.h))
all: ; @:
