# $(error) in a recipe stops before any line of that recipe runs.
all: first second
first: ; @echo first ran
second:
	@echo second line one
	@echo $(error stop here)
