# '$\' before the newline removes the joining space (the empty variable '\ ').
a = one$\
    two
$(info [$(a)])
all: ; @:
