# The first target of an included makefile can be the default goal.
include rules.mk
all: ; @echo all
#!file rules.mk
from-include: ; @echo from-include
