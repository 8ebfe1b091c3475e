# 'export' and 'unexport' take a list of names, which may be computed.
names = A B
export $(names)
A = 1
B = 2
C = 3
export C D := 4
all:
	@env | grep -E '^(A|B|C|D|C D)=' | sort
