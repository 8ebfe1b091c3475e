# A makefile with variables but no rules: "No targets".
X = 1
