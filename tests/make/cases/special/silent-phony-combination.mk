# .SILENT for one target; other targets echo their commands.
.SILENT: quiet
all: quiet loud
quiet: ; echo q
loud: ; echo l
