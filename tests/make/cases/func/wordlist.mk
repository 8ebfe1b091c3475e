# $(wordlist s,e,text): words s..e; empty when s > e; e past the end is fine.
x = a b c d e
$(info [$(wordlist 2,4,$(x))] [$(wordlist 4,2,$(x))] [$(wordlist 4,100,$(x))] [$(wordlist 6,7,$(x))])
all: ; @:
