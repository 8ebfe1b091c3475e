# Several missing included makefiles: the order their rules run in.
include a.mk b.mk
include c.mk
all: ; @echo '$(A)$(B)$(C)'
%.mk: ; @echo making $@; echo '$(shell echo $* | tr a-z A-Z) = $*' > $@
