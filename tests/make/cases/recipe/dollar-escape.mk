# '$$' passes a '$' to the shell.
all:
	@x=shell; echo "$$x $${x}"
	@echo '$$HOME-style' 
