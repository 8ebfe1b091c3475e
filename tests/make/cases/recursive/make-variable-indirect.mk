# $(MAKE) hidden in another variable does not count as recursion under -n (only the line text is checked).
#! args: -n
SUBMAKE = $(MAKE) -f sub.mk
all:
	$(SUBMAKE)
#!file sub.mk
all: ; echo from sub
