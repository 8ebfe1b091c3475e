# Every line runs in its own shell.
all:
	@cd /; pwd
	@pwd | sed 's|.*/||'
	@x=1; echo "x=$$x"
	@echo "x=$${x-unset}"
