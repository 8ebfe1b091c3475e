; Kconfig injections: comment tags, and the command of $(shell,...).
((comment) @injection.content
  (#set! injection.language "comment"))

((macro_content) @injection.content
  (#lua-match? @injection.content "^shell,")
  (#offset! @injection.content 0 6 0 0)
  (#set! injection.language "bash"))
