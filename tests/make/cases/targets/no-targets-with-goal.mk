# A goal that no rule mentions in a makefile without rules.
#! args: foo
X = 1
