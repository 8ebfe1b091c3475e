# Backslash-newline joins lines; the blanks around it become one space.
a = one \
      two \
three
$(info [$(a)])
b := x\
y
$(info [$(b)])
c = tail \

$(info [$(c)])
all: ; @:
