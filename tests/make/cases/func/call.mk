# $(call var,args): $(1).. are the arguments, $(0) the name; missing ones are empty.
show = 0=[$(0)] 1=[$(1)] 2=[$(2)] 3=[$(3)] n=$(words $(1) $(2) $(3))
$(info $(call show,a,b))
$(info $(call show, a , b c ,))
$(info $(call show))
$(info [$(call undefined-var,x)])
all: ; @:
