# A SHELL that does not exist.
SHELL = ./nothere
all:
	@echo x
