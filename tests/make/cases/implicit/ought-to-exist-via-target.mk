# A prerequisite that is a target of an explicit rule "ought to exist", so the rule applies.
all: gen.o
%.o: %.c ; @echo 'compile $<'
gen.c: ; @echo 'generate $@'
