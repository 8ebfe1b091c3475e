# Lines run in order, each waited for.
all:
	@sleep 0.1; echo first
	@echo second
