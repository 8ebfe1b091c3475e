# Names that are not valid shell names are not put in the environment.
export a.b = dotted
export ok = fine
all:
	@env | grep -E '^(a.b|ok)=' | sort
