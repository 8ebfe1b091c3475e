# -j with a failing job: make waits for the running ones.
# (a fails only once b has started, so both always run together.)
#! args: -j2
all: a b
a: ; @i=0; while [ ! -f b.started ] && [ $$i -lt 100 ]; do sleep 0.05; i=$$((i+1)); done; exit 1
b: ; @touch b.started; sleep 0.2; echo b finished
