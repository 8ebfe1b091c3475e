# Second expansion in double-colon rules, each rule on its own.
.SECONDEXPANSION:
N = 1
all:: $$(N).a ; @echo 'first: $^'
all:: $$(N).b ; @echo 'second: $^'
N = 2
2.a 2.b: ; @:
