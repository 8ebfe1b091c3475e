# $(wildcard) of missing names and missing folders is empty; a plain existing name stays.
$(info [$(wildcard nothere)] [$(wildcard nodir/*.c)] [$(wildcard here)] [$(wildcard here nothere here)])
all: ; @:
#!file here
