# -I options reach sub-makes.
#! args: -I inc
all: ; @$(MAKE) -f sub.mk
#!file sub.mk
include inc.mk
all: ; @echo $(FROM_INC)
#!file inc/inc.mk
FROM_INC = found
