# Quoting text for a single-quoted shell string: ' becomes '\''.
squote := '
escsq = $(subst $(squote),'\$(squote)',$1)
msg = it's a "test" with $$dollar
all:
	@echo '$(call escsq,$(msg))'
