# -j in MAKEFLAGS (the jobserver part is normalised).
#! args: -j2
$(info [$(MAKEFLAGS)])
all: ; @:
