# .EXPORT_ALL_VARIABLES works like a bare 'export'.
.EXPORT_ALL_VARIABLES:
X = x
all:
	@echo "X=$$X"
