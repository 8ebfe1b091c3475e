# $^ drops duplicates, $+ keeps them in order.
all: b a b c a
	@echo '^ $^'
	@echo '+ $+'
a b c: ; @:
