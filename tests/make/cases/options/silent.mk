# -s does not echo recipes.
#! args: -s
all: ; echo quiet
