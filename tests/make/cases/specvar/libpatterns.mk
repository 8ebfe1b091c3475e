# .LIBPATTERNS default.
$(info $(.LIBPATTERNS))
all: ; @:
