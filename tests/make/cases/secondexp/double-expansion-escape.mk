# $$$$ survives both expansions as one literal '$'.
.SECONDEXPANSION:
all: x
x: $$$$y ; @echo 'prereq [$^]'
$$y: ; @echo 'making [$@]'
