# A recursive value is expanded each time: a counter through $(eval).
n :=
count = $(eval n += x)$(words $(n))
$(info $(count) $(count) $(count))
all: ; @:
