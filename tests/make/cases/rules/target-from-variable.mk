# Targets and prerequisites are expanded when the rule is read.
T = first
$(T): $(P) ; @echo '$@ <- [$^]'
T = second
P = late
