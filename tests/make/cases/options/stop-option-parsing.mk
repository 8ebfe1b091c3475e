# After '--', words starting with '-' are goals.
#! args: -- -weird
-weird: ; @echo 'made $@'
