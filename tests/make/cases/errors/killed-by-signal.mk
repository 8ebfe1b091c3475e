# A command killed by SIGKILL: make reports the signal name.
all: ; @kill -9 $$$$
