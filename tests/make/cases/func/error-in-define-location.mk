# $(error) from a function called through a variable reports the line of the expansion.
check = $(if $(1),,$(error empty argument to check))

$(call check,ok)
$(call check,)
all: ; @:
