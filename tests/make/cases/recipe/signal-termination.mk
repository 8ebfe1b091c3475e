# A recipe killed by a signal.
all:
	@kill -TERM $$$$
