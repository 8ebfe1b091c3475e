# A pattern rule with several prerequisites, some fixed.
all: x.out
%.out: %.a %.b common ; @echo '$@: $^'
#!file x.a
#!file x.b
#!file common
