# Grouped targets in a static pattern rule: one run serves both targets.
all: a.x b.x
a.x b.x &: %.x: ; @echo '$@'
