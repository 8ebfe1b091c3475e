# Leading blanks of the first argument are dropped; others are kept.
$(info [$(subst a, b ,xax)])
$(info [$(addprefix  x , a b)])
$(info [$(if  ,y,  n  )])
all: ; @:
