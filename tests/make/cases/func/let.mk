# $(let vars,values,text) binds words; the last variable takes the rest (4.4).
$(info $(let a b,1 2 3 4,[$(a)] [$(b)]))
$(info $(let a b c,1,[$(a)] [$(b)] [$(c)]))
a = outer
$(info $(let a,inner,$(a)) $(a))
reverse = $(let first rest,$1,$(if $(rest),$(call reverse,$(rest)) )$(first))
$(info $(call reverse,1 2 3 4))
all: ; @:
