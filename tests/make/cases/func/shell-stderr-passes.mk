# $(shell) stderr goes to make's stderr; a failing command still gives its output.
$(info [$(shell echo partial; echo oops >&2; exit 2)] status=$(.SHELLSTATUS))
all: ; @:
