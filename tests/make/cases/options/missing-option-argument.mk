# An option without its argument.
#! args: -f
