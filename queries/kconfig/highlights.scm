; Kconfig highlights for tree-sitter-kconfig, nvim-treesitter capture names.
; Later patterns win in Neovim, so the general ones come first.

(comment) @comment @spell

; Symbols: config names and references are constants; y/n/m and numbers are
; recognised by cheap Lua patterns.
(symbol) @constant

((symbol) @boolean
  (#any-of? @boolean "y" "n" "m"))

((symbol) @number
  (#lua-match? @number "^%-?%d+$"))

((symbol) @number
  (#lua-match? @number "^0[xX]%x+$"))

[
  "config"
  "menuconfig"
  "configdefault"
  "choice"
  "endchoice"
  "menu"
  "endmenu"
  "comment"
  "mainmenu"
] @keyword

[
  "prompt"
  "default"
  "depends on"
  "select"
  "imply"
  "visible if"
  "range"
  "help"
] @keyword

(optional) @keyword

(modules) @keyword

[
  "if"
  "endif"
] @keyword.conditional

[
  "source"
  "rsource"
  "osource"
  "orsource"
] @keyword.import

[
  "bool"
  "tristate"
  "int"
  "hex"
  "string"
  "def_bool"
  "def_tristate"
  "def_int"
  "def_hex"
  "def_string"
] @type.builtin

; Definitions.
(config
  name: (name
    (symbol) @constant.macro))

(menuconfig
  name: (name
    (symbol) @constant.macro))

(configdefault
  name: (name
    (symbol) @constant.macro))

(choice
  name: (name
    (symbol) @constant.macro))

; Strings and prompts.
(string) @string

(mainmenu
  name: (string) @markup.heading)

(menu
  name: (string) @markup.heading)

(comment_entry
  name: (string) @string.special)

(source
  (string) @string.special.path)

(help_text
  (text) @string.documentation @spell)

; Macro language: $(name,args), variables.
(variable
  left: (symbol) @variable)

(macro_variable
  [
    "$("
    ")"
  ] @punctuation.special)

(macro_content) @variable

[
  "="
  "!="
  "<"
  "<="
  ">"
  ">="
  "!"
  "&&"
  "||"
  ":="
  "+="
  "?="
] @operator

[
  "("
  ")"
] @punctuation.bracket

"," @punctuation.delimiter
