# A bare 'unexport' stops exporting by default, but explicit exports stay.
unexport
export A = a
B = b
all:
	@echo "A=$${A-unset} B=$${B-unset}"
