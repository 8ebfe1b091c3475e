# Prefixes can come from variable expansion.
Q = @
I = -
all:
	$(Q)echo quiet
	$(I)$(Q)false
	$(Q)echo done
