# Including a missing file that no rule can make is fatal.
include nothere.mk
all: ; @echo all
