# Function names are case-sensitive: $(INFO x) is a variable reference.
$(info [$(INFO x)] [$(Subst a,b,a)])
all: ; @:
