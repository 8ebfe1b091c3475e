# '+=' for a target appends to the global value, seen at recipe time.
v = global
all: v += more
all: v += again
all: ; @echo '$(v)'
v = changed
