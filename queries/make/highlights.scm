; Makefile (GNU make, kbuild) highlights for tree-sitter-make, nvim-treesitter
; capture names. Later patterns win in Neovim, so the general ones come first.

(comment) @comment @spell

[
  "ifeq"
  "ifneq"
  "ifdef"
  "ifndef"
  "else"
  "endif"
] @keyword.conditional

[
  "include"
  "sinclude"
  "-include"
] @keyword.import

[
  "define"
  "endef"
  "export"
  "unexport"
  "override"
  "private"
  "undefine"
  "vpath"
] @keyword

; Rules: targets and prerequisites.
(targets
  (word) @function)

((targets
  (word) @function.builtin)
  (#lua-match? @function.builtin "^%.[A-Z_]+$"))

(prerequisites
  (word) @string.special.path)

(pattern_list
  (word) @string.special.path)

(include_directive
  filenames: (list
    (word) @string.special.path))

; Variables.
(variable_assignment
  name: (word) @variable)

(shell_assignment
  name: (word) @variable)

(define_directive
  name: (word) @function.macro)

(undefine_directive
  variable: (word) @variable)

(export_directive
  variables: (list
    (word) @variable))

(unexport_directive
  variables: (list
    (word) @variable))

(VPATH_assignment
  name: _ @variable.builtin)

(RECIPEPREFIX_assignment
  name: _ @variable.builtin)

(variable_reference
  (word) @variable)

; kbuild: $(CONFIG_FOO) is a Kconfig symbol.
((variable_reference
  (word) @constant)
  (#lua-match? @constant "^CONFIG_"))

(automatic_variable) @variable.builtin

(substitution_reference
  text: (word) @variable)

; Functions.
(function_call
  function: _ @function.builtin)

(shell_function
  function: _ @function.builtin)

; $(call name,...): the called macro.
((function_call
  function: _ @_function
  (arguments
    .
    (text) @function.call))
  (#eq? @_function "call"))

; Operators and punctuation.
(variable_assignment
  operator: _ @operator)

(shell_assignment
  operator: _ @operator)

(define_directive
  operator: _ @operator)

(VPATH_assignment
  operator: _ @operator)

(RECIPEPREFIX_assignment
  operator: _ @operator)

(recipe_line
  [
    "@"
    "-"
    "+"
  ] @operator)

[
  "$"
  "$$"
] @punctuation.special

[
  ":"
  "&:"
  "::"
  "|"
  ";"
] @punctuation.delimiter

"," @punctuation.delimiter

[
  "("
  ")"
  "{"
  "}"
] @punctuation.bracket

(string) @string

(escape) @string.escape

(raw_text) @string
