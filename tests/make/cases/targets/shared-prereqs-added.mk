# A rule without a recipe adds prerequisites to several targets.
all: x y
x y: common
x: ; @echo 'x: $^'
y: ; @echo 'y: $^'
common: ; @:
