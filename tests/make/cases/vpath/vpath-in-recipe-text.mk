# Only automatic variables carry the found path; names written in the recipe do not.
VPATH = src
all: a.txt
	@echo $< a.txt
	@cat $<
#!file src/a.txt
content
