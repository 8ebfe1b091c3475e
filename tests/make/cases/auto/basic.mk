# $@ target, $< first prerequisite, $^ all (no duplicates), $+ all, $| order-only.
all: out/t.x
out/t.x: b.c a.c b.c | ord
	@echo '@=$@ <=$< ^=$^ +=$+ |=$|'
a.c b.c ord: ; @:
