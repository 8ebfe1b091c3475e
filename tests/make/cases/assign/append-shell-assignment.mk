# '+=' on a '!=' variable (recursive) adds unexpanded text.
a != echo first
a += $(b)
b = late
$(info [$(a)] $(flavor a))
all: ; @:
