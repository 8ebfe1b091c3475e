# Prerequisites of one grouped target given separately still trigger the group.
all: x y
x y &: ; @echo 'made $@ with [$^]'; touch x y
y: extra
extra: ; @echo making extra
