# Rules whose prerequisites cannot be made are skipped.
all: x.o
%.o: %.nothere ; @echo 'from .nothere'
%.o: %.a ; @echo 'from .a'
#!file x.a
