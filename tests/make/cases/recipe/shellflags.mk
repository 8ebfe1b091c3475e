# .SHELLFLAGS replaces '-c'.
.SHELLFLAGS = -ec
all:
	@false; echo not reached with -e
