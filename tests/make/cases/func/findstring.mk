# $(findstring find,text) returns find or nothing.
$(info [$(findstring a,abc)] [$(findstring x,abc)] [$(findstring b c,a b c)] [$(findstring ,abc)])
all: ; @:
