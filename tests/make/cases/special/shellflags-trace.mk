# .SHELLFLAGS = -xc traces recipe commands on stderr.
.SHELLFLAGS = -xc
all: ; @echo traced
