# A terminal match-anything rule (%::) applies only when its prerequisites exist.
all: a b
%:: %.src ; @echo 'terminal: $< -> $@'
#!file a.src
#!file b
