# A .PHONY target runs even when a file of that name exists.
.PHONY: clean
clean: ; @echo cleaning
#!file clean
