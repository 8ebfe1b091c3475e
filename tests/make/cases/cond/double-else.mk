# Two else parts in one conditional.
ifeq (1,1)
else
else
endif
all: ; @:
