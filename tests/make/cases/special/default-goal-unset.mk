# Clearing .DEFAULT_GOAL makes the next rule the default goal.
first: ; @echo first
.DEFAULT_GOAL :=
second: ; @echo second
third: ; @echo third
