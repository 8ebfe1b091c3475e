# $(error) stops with the file and line.
$(info before)
ifdef nothing
else
  $(error Something went wrong: $(words a b) words)
endif
$(info after)
all: ; @:
