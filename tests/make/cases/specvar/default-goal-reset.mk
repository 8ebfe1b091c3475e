# Emptying .DEFAULT_GOAL lets the next target become the default.
first: ; @echo first
.DEFAULT_GOAL :=
second: ; @echo second
third: ; @echo third
