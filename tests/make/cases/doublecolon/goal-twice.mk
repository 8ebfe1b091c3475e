# A double-colon target named twice on the command line runs its rules once.
#! args: t t
t:: ; @echo once
