; Kconfig indents, kernel style: the attributes of an entry are indented one
; level under it (a tab), help text one more; the entries inside menu, choice
; and if blocks stay at the level of the block.
[
  (config)
  (menuconfig)
  (configdefault)
  (comment_entry)
  (help_text)
] @indent.begin

[
  "endmenu"
  "endchoice"
  "endif"
] @indent.branch

(comment) @indent.auto
