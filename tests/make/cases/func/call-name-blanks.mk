# The variable name of $(call) is stripped; $(0) is the stripped name.
f = [$(0)|$(1)]
$(info $(call  f ,x) $(call f , y))
all: ; @:
