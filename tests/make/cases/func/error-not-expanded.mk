# $(error) in a recursive variable that is never expanded does nothing.
boom = $(error should not happen)
all: ; @echo fine
