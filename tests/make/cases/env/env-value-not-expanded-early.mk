# Environment values are recursive: '$' references in them expand.
#! env: E=$(X) and $$
X = x
$(info [$(E)] [$(value E)])
all: ; @:
