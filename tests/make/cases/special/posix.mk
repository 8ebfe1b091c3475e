# .POSIX: recipes run with 'sh -e -c'.
.POSIX:
$(info [$(.SHELLFLAGS)])
all: ; @false; echo not reached
