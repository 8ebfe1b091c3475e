# Backslash-newline in a directive line.
export \
  A = joined
all: ; @echo "$$A"
