# -n prints recipes without running them, '@' lines too.
#! args: -n
all: out
out: ; @echo making out > out
	echo second line
