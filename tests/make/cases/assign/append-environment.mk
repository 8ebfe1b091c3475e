# '+=' on an environment variable appends to its value; the origin becomes 'file'.
#! env: FLAGS=-env
FLAGS += -file
$(info [$(FLAGS)] $(origin FLAGS) $(flavor FLAGS))
all: ; @echo "recipe env: $$FLAGS"
