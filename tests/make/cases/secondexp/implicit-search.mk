# A pattern rule whose expanded prerequisite does not exist is skipped for the next one.
.SECONDEXPANSION:
all: z.out
%.out: $$*.missing ; @echo wrong rule
%.out: $$*.there ; @echo 'used $<'
#!file z.there
