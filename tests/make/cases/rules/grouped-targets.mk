# Grouped targets (&:) are made together by one run of the recipe.
all: x.h x.c
x.h x.c &: x.y
	@echo 'run for $@'
	@touch x.h x.c
#!file x.y
