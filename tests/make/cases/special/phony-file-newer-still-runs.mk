# A phony target runs even when a file of that name is newer than its prerequisites.
.PHONY: clean
clean: ; @echo cleaning
#!file clean mtime=10
