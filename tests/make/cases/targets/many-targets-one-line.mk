# One rule with many targets and several prerequisite lines.
T = t1 t2 t3 t4
all: $(T)
$(T): p1
$(T): p2 ; @echo '$@: $^'
p1 p2: ; @:
