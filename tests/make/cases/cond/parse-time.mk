# Conditionals are evaluated while reading: later definitions are not seen.
ifdef later
$(info seen)
else
$(info not seen)
endif
later = 1
all: ; @:
