# $(warning) prints file:line to stderr; $(info) prints to stdout; both expand to nothing.
x := [$(warning careful)][$(info informative)]
$(info x=$(x))
$(warning )
$(info)
$(info   leading blanks)
all: ; @:
