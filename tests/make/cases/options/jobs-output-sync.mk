# -j with --output-sync=target: each target's output stays together, in finishing order.
# (a finishes only after make has reaped b, whose shell wrote its pid to b.pid.)
#! args: -j2 --output-sync=target
all: a b
a:
	@echo a1; i=0; \
	while [ ! -s b.pid ] && [ $$i -lt 100 ]; do sleep 0.05; i=$$((i+1)); done; \
	while kill -0 $$(cat b.pid) 2>/dev/null && [ $$i -lt 200 ]; do sleep 0.05; i=$$((i+1)); done; \
	rm -f b.pid; echo a2
b: ; @echo $$$$ > b.pid.tmp; mv b.pid.tmp b.pid; echo b1; echo b2
