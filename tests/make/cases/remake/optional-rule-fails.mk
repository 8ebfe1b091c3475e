# '-include' whose rule fails: the failure is reported but make goes on.
-include opt.mk
all: ; @echo all ran
opt.mk: ; @echo trying; exit 1
