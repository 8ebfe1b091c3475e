# $(strip) removes leading and trailing blanks and squeezes inner ones.
x =   a   b    c   
$(info [$(strip $(x))])
t := $(subst -, ,a-	-b)
$(info [$(strip $(t))])
$(info [$(strip )])
all: ; @:
