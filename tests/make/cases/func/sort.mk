# $(sort) sorts words lexically and drops duplicates.
$(info $(sort foo bar lose foo Bar bar 10 9 1))
$(info [$(sort )])
all: ; @:
