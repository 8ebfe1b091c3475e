# -k with a prerequisite that has no rule.
#! args: -k
all: missing ok
ok: ; @echo ok
