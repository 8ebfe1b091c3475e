# An empty target list makes a static pattern rule that defines nothing.
EMPTY =
$(EMPTY): %.o: %.c ; @echo never
all: ; @echo fine
