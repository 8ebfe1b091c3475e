# Second expansion of order-only prerequisites.
.SECONDEXPANSION:
DIR = out
all: out/f
out/f: | $$(@D) ; @echo 'f needs $| (normal: [$^])'
out: ; @echo making $@
