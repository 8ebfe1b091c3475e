; Kconfig locals: one file is one scope; config entries and macro variables
; define names, every symbol in an expression refers to one.
(configuration) @local.scope

(config
  name: (name
    (symbol) @local.definition.constant))

(menuconfig
  name: (name
    (symbol) @local.definition.constant))

(choice
  name: (name
    (symbol) @local.definition.constant))

(variable
  left: (symbol) @local.definition.var)

(default_value
  (symbol) @local.reference)

(type_definition_default
  (symbol) @local.reference)

(dependencies
  (symbol) @local.reference)

(reverse_dependencies
  (name
    (symbol) @local.reference))

(weak_reverse_dependencies
  (symbol) @local.reference)

(conditional_clause
  (symbol) @local.reference)

(binary_expression
  left: (symbol) @local.reference)

(binary_expression
  right: (symbol) @local.reference)

(unary_expression
  (symbol) @local.reference)

(parenthesized_expression
  (symbol) @local.reference)
