# Variables given on the $(MAKE) line.
all:
	@$(MAKE) -f sub.mk X=1 'Y=two words'
#!file sub.mk
all: ; @echo 'X=$(X) Y=$(Y) $(origin X)'
