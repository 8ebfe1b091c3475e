# \% in $(patsubst) is a literal percent; only the first unescaped % is the wildcard.
$(info $(patsubst \%%,[%],%a %b c) $(patsubst %.c,%,x.c y.h))
$(info $(patsubst a%,b%%,ax))
all: ; @:
