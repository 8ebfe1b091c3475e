# $(file >>f,text) creates a missing file; '>>' with no text adds nothing.
$(file >>new.txt,one)
$(file >>new.txt)
$(file >>new.txt,two)
all: ; @cat new.txt
