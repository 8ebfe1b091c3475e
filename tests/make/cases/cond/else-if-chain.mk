# 'else ifeq/ifneq/ifdef/ifndef' chains.
x = 3
ifeq ($(x),1)
$(info one)
else ifeq ($(x),2)
$(info two)
else ifdef nothing
$(info nothing)
else ifneq ($(x),3)
$(info not three)
else ifndef x
$(info no x)
else
$(info three)
endif
all: ; @:
