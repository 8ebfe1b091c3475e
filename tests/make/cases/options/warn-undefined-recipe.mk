# --warn-undefined-variables warns in recipes too, but not for $(value) or ifdef.
#! args: --warn-undefined-variables
ifdef NOPE
endif
X := $(value ALSO_NOPE)
all: ; @echo '[$(MISSING)]'
