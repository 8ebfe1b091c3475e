# Exported variables reach recipe environments; others do not.
export A = exported
B = not-exported
export C
C = exported-later
all:
	@echo "A=$$A B=$${B-unset} C=$$C"
