# obj-y style lists: directories and objects split with filter/patsubst.
obj-y := a.o lib/ b.o drivers/
CONFIG_X := y
obj-$(CONFIG_X) += x.o
obj-$(CONFIG_Y) += y.o
subdir-y := $(patsubst %/,%,$(filter %/,$(obj-y)))
real-obj-y := $(filter-out %/,$(obj-y)) $(patsubst %/,%/built-in.a,$(filter %/,$(obj-y)))
$(info subdirs: $(subdir-y))
$(info objects: $(real-obj-y))
$(info unused: [$(obj-)] [$(obj-n)])
all: ; @:
