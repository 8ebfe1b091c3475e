# A target-specific 'override' beats the command line.
#! args: v=cmd w=cmd
all: override v = target
all: w = target
all: ; @echo 'v=$(v) w=$(w)'
