# A multi-line variable as a canned recipe: every line is a recipe line.
define steps
@echo one $@
echo two
-@false
@echo three
endef
all:
	$(steps)
