# Function calls and references with braces, nested in parentheses and back.
x = abc
$(info ${subst a,b,aaa} $(subst b,B,${x}) ${patsubst %,<%>,$(x) ${x}})
all: ; @:
