# Targets computed with $(wildcard) and substitution references.
SRCS = $(wildcard *.txt)
all: $(SRCS:.txt=.out)
%.out: %.txt ; @echo '$< -> $@'
#!file one.txt
#!file two.txt
