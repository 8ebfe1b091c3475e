# $(subst) with an empty search string appends the replacement at the end.
$(info [$(subst ,X,abc)] [$(subst a,,banana)])
all: ; @:
