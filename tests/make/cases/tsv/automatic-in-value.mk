# Automatic variables in a target-specific value refer to the target being made.
%.out: info = [$@ from $<]
all: x.out
x.out: x.in ; @echo '$(info)'
#!file x.in
