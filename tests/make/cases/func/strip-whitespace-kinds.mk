# $(strip) collapses blanks, tabs and newlines to single spaces.
define text

  a	 b

c  
endef
$(info [$(strip $(text))])
all: ; @:
