# Target-specific values are inherited by the prerequisites made for that target.
v = global
all: top other
top: v = from-top
top: mid ; @echo '$@: $(v)'
mid: leaf ; @echo '$@: $(v)'
leaf: ; @echo '$@: $(v)'
other: ; @echo '$@: $(v)'
