# No makefile and no goal.
#! makefile: none
