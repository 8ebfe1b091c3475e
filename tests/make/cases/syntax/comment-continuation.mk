# A comment ending in a backslash continues on the next line.
# this comment goes on \
x = swallowed by the comment
$(info [$(x)])
all: ; @:
