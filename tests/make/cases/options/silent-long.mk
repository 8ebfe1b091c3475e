# --silent and --quiet are -s.
#! args: --quiet
all: ; echo quiet
