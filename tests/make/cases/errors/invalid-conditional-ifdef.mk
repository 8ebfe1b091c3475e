# ifdef without a variable name.
ifdef
endif
all: ; @:
