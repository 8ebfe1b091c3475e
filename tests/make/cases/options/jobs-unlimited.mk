# -j without a number runs all three jobs at once; each waits for the next one's file.
#! args: -j
all: a b c
a: ; @i=0; while [ ! -f b.done ] && [ $$i -lt 100 ]; do sleep 0.05; i=$$((i+1)); done; rm -f b.done; echo a
b: ; @i=0; while [ ! -f c.done ] && [ $$i -lt 100 ]; do sleep 0.05; i=$$((i+1)); done; rm -f c.done; echo b; touch b.done
c: ; @echo c; touch c.done
