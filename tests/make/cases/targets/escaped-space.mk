# A backslash-escaped space keeps two words as one target name.
all: a\ b
a\ b: ; @echo 'made [$@]'
