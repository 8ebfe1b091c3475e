# $(shell) in a recipe sees the automatic variables' values.
t: p ; @echo '$(shell echo target $@ needs $^)'
p: ; @:
