# 'unexport' is not a target-specific keyword: 'a: unexport E' lists prerequisites.
export E = exported
all: a b
a: unexport E
a b: ; @echo "$@: $${E-unset}"
