# .EXPORT_ALL_VARIABLES exports every makefile variable to recipes.
.EXPORT_ALL_VARIABLES:
PLAIN = value
all: ; @echo "[$$PLAIN]"
