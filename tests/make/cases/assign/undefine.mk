# 'undefine' makes a variable undefined again.
a = 1
undefine a
$(info [$(a)] $(origin a) $(flavor a))
ifdef a
$(info still defined)
else
$(info gone)
endif
b := x
undefine   b  
$(info [$(b)] $(origin b))
all: ; @:
