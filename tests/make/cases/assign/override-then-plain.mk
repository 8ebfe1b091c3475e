# After 'override', plain assignments of the same variable are ignored.
override a = first
a = second
a += third
$(info [$(a)] $(origin a))
all: ; @:
