# Operators need no blanks around them; ':' and '=' in the value are text.
a=1
b:=2
c+=3
d?=4
e::=5
f:::=6
g!=echo 7
h = x=y:z
$(info $(a)$(b)$(c)$(d)$(e)$(f)$(g) $(h))
all: ; @:
