# Commas split arguments except inside nested parentheses; use a variable for a literal comma.
comma := ,
$(info $(subst $(comma),;,a,b,c))
$(info $(subst a,(x,y),aa))
$(info $(words $(subst x,a b,x,x)))
$(info $(firstword a,b c))
all: ; @:
