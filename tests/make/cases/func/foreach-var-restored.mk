# The $(foreach) variable is restored afterwards, keeping its flavor.
v := simple
$(info $(foreach v,1 2,<$(v)>) $(v) $(flavor v))
$(info [$(foreach u,a b,)] [$(origin u)])
all: ; @:
