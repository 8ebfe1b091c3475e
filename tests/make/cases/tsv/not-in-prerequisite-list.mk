# Target-specific values are not used when the prerequisite list is read.
p = global-prereq
all: p = target-prereq
all: $(p) ; @echo '$^'
global-prereq target-prereq: ; @:
