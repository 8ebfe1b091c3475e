# One target cannot have both ':' and '::' rules.
t: a
t:: b
	@echo x
a b:
