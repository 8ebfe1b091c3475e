# ifdef tests for a non-empty value, without expanding it fully.
empty =
blank = $(empty)
set = 1
ifdef empty
$(info empty is defined)
else
$(info empty counts as undefined)
endif
ifdef blank
$(info blank is defined (its value is not expanded))
endif
ifndef nothing
$(info nothing is undefined)
endif
name = set
ifdef $(name)
$(info computed name)
endif
all: ; @:
