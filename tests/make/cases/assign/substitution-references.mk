# $(var:a=b) and $(var:%.c=%.o) replace word endings.
src = foo.c bar.c baz.h.c qux.cc
$(info $(src:.c=.o))
$(info $(src:%.c=obj/%.o))
$(info ${src:c=x})
$(info $(src:=.bak))
sep = .c
$(info $(src:$(sep)=.s))
all: ; @:
