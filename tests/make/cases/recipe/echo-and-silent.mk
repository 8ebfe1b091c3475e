# Recipe lines are echoed unless they start with '@'.
all:
	echo shown
	@echo hidden
	  @echo 'blanks before @'
