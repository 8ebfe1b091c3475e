# 'include' without names does nothing.
include
empty =
include $(empty)
all: ; @echo ok
