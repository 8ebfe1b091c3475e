# -l/--load-average take a number and change nothing here.
#! args: -l 1.5 --load-average=2 -l
all: ; @echo ran
