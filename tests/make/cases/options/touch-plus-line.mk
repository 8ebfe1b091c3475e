# Under -t a '+' line still runs and the target is not touched by make.
#! args: -t
t: ; +@echo plus line ran
