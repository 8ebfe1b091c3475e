# $(foreach var,list,text) joins the results with spaces; the variable is restored.
x = outer
$(info $(foreach x,a b c,<$(x)>))
$(info $(x))
$(info [$(foreach x,,never)])
$(info $(foreach i,1 2,$(foreach j,a b,$(i)$(j))))
$(info [$(foreach x,a b,)])
all: ; @:
