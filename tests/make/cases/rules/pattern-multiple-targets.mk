# A pattern rule with several targets makes them all with one run.
all: p.a p.b
%.a %.b: %.in
	@echo 'once: $@ ($*)'
	@touch $*.a $*.b
#!file p.in
