# $% is the member of an archive target 'lib(member)'.
all: lib.a(member.o)
lib.a(member.o): member.o
	@echo '@=$@ %=$% <=$<'
member.o: ; @:
