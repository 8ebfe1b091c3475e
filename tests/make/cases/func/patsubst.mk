# $(patsubst pattern,replacement,text) works on words; blanks are normalised.
$(info $(patsubst %.c,%.o,x.c   y.c z.h))
$(info $(patsubst %,pre-%,a b))
$(info $(patsubst a,b,a ab ba a))
$(info $(patsubst %.c,%,x.c))
$(info $(patsubst x%y%z,[%],xAy%z))
$(info $(patsubst \%%,lit-%,%a %b c))
$(info $(patsubst %,%%,a))
all: ; @:
