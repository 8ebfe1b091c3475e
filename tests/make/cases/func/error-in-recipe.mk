# $(error) in a recipe stops when that recipe is expanded.
all: first second
first: ; @echo first
second:
	@echo not printed
	$(error in recipe of $@)
