# A:=x on the command line defines a simple variable, expanded at once.
#! args: 'A:=$(B)-simple' 'C=$(B)-recursive'
B = late
all: ; @echo 'A=[$(A)] $(flavor A) C=[$(C)] $(flavor C)'
