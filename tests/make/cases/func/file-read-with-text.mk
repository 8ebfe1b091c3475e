# $(file <name,text): text is not allowed when reading.
$(info $(file <in.txt,extra))
all: ; @:
#!file in.txt
