# --no-silent cancels an earlier -s.
#! args: -s --no-silent
all: ; echo shown
