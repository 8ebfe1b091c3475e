# Text in a false branch is not parsed: errors there do not count.
ifeq (1,2)
this is not : valid = make ]]]
$(error never expanded)
define x
endef
endif
all: ; @echo ok
