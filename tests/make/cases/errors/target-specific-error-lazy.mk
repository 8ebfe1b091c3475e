# $(error) in a target-specific recursive variable fires only when the recipe using it is expanded.
#! args: all t
t: V = $(error only when used)
all: ; @echo all fine
t: ; @echo $(V)
