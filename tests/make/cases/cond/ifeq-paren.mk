# ifeq (a,b): both sides are expanded; blanks next to the comma go, blanks next to the parentheses stay.
x = foo
ifeq ($(x),foo)
$(info 1 equal)
endif
ifeq ( $(x) , foo )
$(info 2 equal despite blanks)
else
$(info 2 not equal)
endif
ifeq ($(x), foo)
$(info 3 equal)
endif
ifeq (,$(undefined))
$(info 4 empty)
endif
ifeq ($(x) ,foo)
$(info 5 equal)
else
$(info 5 not equal)
endif
all: ; @:
