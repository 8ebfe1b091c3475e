# Several missing makefiles: the first unmakeable one is reported.
include a.mk b.mk
all: ; @:
