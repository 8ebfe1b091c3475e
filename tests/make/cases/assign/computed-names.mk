# Variable names can be computed on either side of an assignment.
x = y
$(x)_var = value of y_var
$(x)$(x) := yy
name = y_var
$(info $($(name)) $(yy) $($(x)$(x)))
z = $(x)
$(info $($(z)_var))
all: ; @:
