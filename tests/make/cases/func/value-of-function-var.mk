# $(value) shows $(1) unexpanded, $(call) expands it.
f = $(1)-$(2)
$(info [$(value f)] [$(call f,a,b)])
all: ; @:
