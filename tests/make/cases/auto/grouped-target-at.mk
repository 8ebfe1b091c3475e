# In a grouped rule, $@ is the target that triggered the run.
all: b
a b &:
	@echo '@=$@'
