# Conditionals inside a rule select recipe lines.
x = yes
all:
	@echo start
ifeq ($(x),yes)
	@echo yes-branch
else
	@echo no-branch
endif
	@echo end
