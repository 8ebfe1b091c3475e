# $(subst from,to,text) replaces every occurrence; an empty 'from' appends 'to'.
$(info $(subst ee,EE,feet on the street))
$(info [$(subst ,X,abc)])
$(info $(subst a,,banana))
$(info [$(subst  a,b, a a)])
all: ; @:
