# With -e, command-line variables still beat the environment; override beats both.
#! args: -e A=cmd
#! env: A=env
#! env: B=env
A = file
B = file
override C = over
all: ; @echo 'A=$(A) B=$(B) C=$(C)'
