# No makefile, a goal without a rule.
#! makefile: none
#! args: foo
