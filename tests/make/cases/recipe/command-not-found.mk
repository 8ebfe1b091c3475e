# A missing command: the shell's message and Error 127.
all:
	no-such-command-xyz
