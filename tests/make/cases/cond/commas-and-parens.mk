# Parentheses and commas inside the paren form.
comma = ,
ifeq ($(comma),$(subst x,$(comma),x))
$(info commas equal)
endif
ifeq ((a),(a))
$(info parens equal)
endif
ifeq "a,b" "a,b"
$(info quoted comma)
endif
all: ; @:
