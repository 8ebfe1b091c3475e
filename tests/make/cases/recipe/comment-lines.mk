# A '#' line inside a recipe: with a TAB it goes to the shell, without it is a make comment.
all:
	# shell comment, echoed
# make comment
	@echo after
