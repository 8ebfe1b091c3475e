# A prerequisite without a rule and no file.
all: sub/missing.h
