# A double-colon rule without prerequisites always runs.
t::
	@echo always
#!file t
