# 'unexport NAME' still works after a bare 'export'.
export
A = a
B = b
unexport B
all:
	@echo "A=$${A-unset} B=$${B-unset}"
