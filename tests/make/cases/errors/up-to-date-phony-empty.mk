# A phony goal with no recipe: "Nothing to be done" even though it is phony.
.PHONY: p
p:
