# '::=' is POSIX's spelling of ':='.
b = first
a ::= [$(b)]
b = second
$(info $(a) $(flavor a))
all: ; @:
