# Special targets are never the default goal, even the first rule.
.PHONY: all
.SUFFIXES:
all: ; @echo all
