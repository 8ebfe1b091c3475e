# '+=' adds exactly one space, also when the old value ends with blanks.
empty :=
a = x$(empty)  
a += y
$(info [$(a)])
b := 
b += z
$(info [$(b)])
all: ; @:
