# $(file <f) drops only one final newline.
$(info [$(file <two.txt)])
$(info [$(file <one.txt)])
all: ; @:
#!file two.txt
a


#!file one.txt
x
