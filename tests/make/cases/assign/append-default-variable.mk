# '+=' on a built-in variable.
CFLAGS += -O2
CC += -m64
$(info [$(CFLAGS)] $(origin CFLAGS) [$(CC)] $(origin CC))
all: ; @:
