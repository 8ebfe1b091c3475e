# Command-line definitions with ':=', '::=', '+=' and '?=' operators.
#! args: 'a:=$(b)' 'c=$(b)' 'd+=x' 'e?=y'
b = from-makefile
$(info [$(a)] $(flavor a) [$(c)] $(flavor c) [$(d)] [$(e)])
all: ; @:
