# -j2 runs two targets at once: 'first' waits until 'second' has finished its output.
# (first polls for a file second creates after echoing; both must run together.)
#! args: -j2
all: first second
first: ; @i=0; while [ ! -f second.done ] && [ $$i -lt 100 ]; do sleep 0.05; i=$$((i+1)); done; rm -f second.done; echo first
second: ; @echo second; touch second.done
