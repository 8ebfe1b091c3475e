# ifeq "a" "b" and 'a' 'b', in any mix; blanks inside quotes count.
x = foo
ifeq "$(x)" "foo"
$(info 1 equal)
endif
ifeq '$(x)' 'foo'
$(info 2 equal)
endif
ifeq "$(x)" 'foo'
$(info 3 equal)
endif
ifeq " $(x)" "foo"
$(info 4 equal)
else
$(info 4 not equal)
endif
ifneq 'a' "b"
$(info 5 not equal)
endif
all: ; @:
