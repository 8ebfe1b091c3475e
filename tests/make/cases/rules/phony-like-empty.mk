# A target without prerequisites and recipe that is not a file is made (nothing to do).
all: empty
	@echo all
empty:
