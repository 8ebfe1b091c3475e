# An empty define, and blank lines inside one.
define empty
endef
define blanks

middle

endef
$(info [$(empty)] $(flavor empty))
$(info [$(blanks)])
all: ; @:
