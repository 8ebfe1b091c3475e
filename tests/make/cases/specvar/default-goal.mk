# .DEFAULT_GOAL is the first target once one is read; it can be set.
$(info [$(.DEFAULT_GOAL)])
first: ; @echo first
$(info [$(.DEFAULT_GOAL)])
.DEFAULT_GOAL = second
second: ; @echo second
