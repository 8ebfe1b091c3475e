# $(file) into a folder that does not exist.
$(file >nodir/x.txt,text)
all: ; @:
