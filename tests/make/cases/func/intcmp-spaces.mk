# Blanks around $(intcmp) numbers.
$(info [$(intcmp  4 , 4 ,lt,eq,gt)])
all: ; @:
