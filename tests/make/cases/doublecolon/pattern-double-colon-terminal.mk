# A '::' pattern rule is terminal: its prerequisites must exist, not be made.
all: a.out b.out
%.out:: %.in ; @echo '$@ from $<'
%.in: %.src ; @echo 'never: $@'
#!file a.in
#!file b.src
