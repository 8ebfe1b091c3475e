# A line that expands to a rule.
rule = gen: ; @echo from variable
$(rule)
