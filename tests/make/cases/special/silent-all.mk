# .SILENT without prerequisites silences everything.
.SILENT:
all: ; echo quiet
