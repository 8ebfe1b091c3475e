# $(wildcard) in a recipe sees files made earlier in the run.
all: gen
	@echo '$(wildcard gen*)'
gen:
	@touch gen gen2
