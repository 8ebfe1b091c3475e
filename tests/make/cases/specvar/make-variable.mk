# MAKE is the name make was run as (here 'make'); MAKE_COMMAND likewise.
$(info [$(MAKE)] [$(value MAKE)] [$(MAKE_COMMAND)] $(origin MAKE))
all: ; @:
