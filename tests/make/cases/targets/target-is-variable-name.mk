# Target names after variable expansion; the rule uses the value at read time.
NAME = first
$(NAME): ; @echo '$@'
NAME = second
