# Each line of a multi-line expansion takes its own prefixes.
define lines
echo one
@echo two
endef
all:
	@$(lines)
