; Makefile injections: comment tags; shell in recipes, $(shell ...) and !=.
((comment) @injection.content
  (#set! injection.language "comment"))

((recipe_line) @injection.content
  (#set! injection.language "bash")
  (#set! injection.include-children))

((shell_function
  (shell_command) @injection.content)
  (#set! injection.language "bash")
  (#set! injection.include-children))

((shell_assignment
  value: (shell_command) @injection.content)
  (#set! injection.language "bash")
  (#set! injection.include-children))
