# An invalid $(file) operation.
$(file !x.txt,text)
all: ; @:
