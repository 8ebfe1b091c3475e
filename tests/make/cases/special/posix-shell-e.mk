# .POSIX makes recipes run with 'sh -ec', so a failing command stops the line.
.POSIX:
all: ; @false; echo not printed under POSIX
