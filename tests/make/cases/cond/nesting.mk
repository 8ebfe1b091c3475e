# Conditionals nest; a false outer branch skips inner ones entirely.
a = 1
b = 2
ifeq ($(a),1)
  ifeq ($(b),2)
    $(info a=1 b=2)
  else
    $(info a=1 b!=2)
  endif
else
  ifeq ($(b),2)
    $(info never)
  endif
  $(error not reached)
endif
all: ; @:
