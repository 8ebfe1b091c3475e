# A command-line variable beats the makefile unless 'override' is used.
#! args: a=cmd b=cmd c=cmd
a = makefile
override b = override
c += appended
$(info $(a) $(origin a) / $(b) $(origin b) / $(c) $(origin c))
all: ; @:
