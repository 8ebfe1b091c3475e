; Makefile folds: rules with recipes, conditionals, define blocks.
[
  (rule)
  (conditional)
  (define_directive)
] @fold
