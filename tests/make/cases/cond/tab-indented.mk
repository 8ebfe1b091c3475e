# A TAB-indented conditional before the first rule is still a conditional.
	ifeq (1,1)
x = tabbed
	endif
$(info [$(x)])
all: ; @:
