# Words after '--' are goals or variables, not options.
#! args: -- -weird V=1
-weird: ; @echo 'weird target, V=$(V)'
