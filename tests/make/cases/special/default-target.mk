# .DEFAULT's recipe is used for targets without rules.
all: missing.txt
	@echo all
.DEFAULT: ; @echo 'default for $@ ($<)'
