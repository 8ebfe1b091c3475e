# $(value var) is the unexpanded value.
FOO = $PATH and $(x)
x = X
$(info [$(value FOO)] [$(FOO)])
$(info [$(value undefined)])
all: ; @:
