# A target depending on a .PHONY target is always remade.
.PHONY: force
out: force ; @echo remaking out
force: ; @:
#!file out
