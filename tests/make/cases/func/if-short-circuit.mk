# $(if) expands only the chosen branch; the condition is stripped first.
$(info [$(if $(empty) ,$(info then ran)yes,$(info else ran)no)])
$(info [$(if  x ,$(info then ran)yes,$(info else ran)no)])
all: ; @:
