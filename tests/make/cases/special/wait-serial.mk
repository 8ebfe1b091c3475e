# .WAIT without -j changes nothing.
all: a .WAIT b
	@echo '^=$^'
a b: ; @echo $@
