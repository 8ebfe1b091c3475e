# 'include' after a rule ends the rule's recipe and is a directive.
all:
	@echo recipe $(I)
include i.mk
#!file i.mk
I = included
