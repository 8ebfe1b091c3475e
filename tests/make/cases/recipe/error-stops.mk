# A failing line stops the target: make exits 2.
all:
	@echo before
	@exit 7
	@echo not reached
