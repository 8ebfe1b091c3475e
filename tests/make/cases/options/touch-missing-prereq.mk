# -t with a missing prerequisite that has no rule.
#! args: -t
t: nothere ; @echo never
