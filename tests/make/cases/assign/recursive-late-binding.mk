# A recursive variable is expanded at each use, so it sees later definitions.
a = [$(b)]
b = first
$(info $(a))
b = second
$(info $(a))
all: ; @echo recipe sees $(a)
