# A non-terminal match-anything rule is not used for x.o, which another pattern rule matches, nor for x.c.
all: x.o
%.o: %.c ; @echo 'compile $<'
%: ; @echo 'anything for $@'
