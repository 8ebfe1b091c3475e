# A recursive variable that refers to itself is fatal at expansion.
a = $(a) more
all: ; @echo $(a)
