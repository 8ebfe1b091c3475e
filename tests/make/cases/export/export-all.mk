# A bare 'export' exports every variable (with a valid shell name).
export
A = a
B := b
lower = low
all:
	@echo "$$A $$B $$lower"
