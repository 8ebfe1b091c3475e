# Assigning .DEFAULT_GOAL late wins over the first rule; its value shows the choice.
first: ; @echo first
$(info before: [$(.DEFAULT_GOAL)])
.DEFAULT_GOAL = second
second: ; @echo second
