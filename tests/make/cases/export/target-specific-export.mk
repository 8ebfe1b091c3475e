# A target-specific variable can be exported for that target only.
one: export V = for-one
all: one two
one two:
	@echo "$@: V=$${V-unset}"
