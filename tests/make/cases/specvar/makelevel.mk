# MAKELEVEL is 0 at the top; it comes from the environment for sub-makes.
$(info [$(MAKELEVEL)] $(origin MAKELEVEL))
all: ; @echo "env MAKELEVEL=$$MAKELEVEL"
