# $(realpath) follows symbolic links and reports nothing for a dangling one.
$(shell mkdir -p real && ln -s real link && ln -s nowhere dangling)
$(info $(realpath link dangling link/..))
all: ; @:
