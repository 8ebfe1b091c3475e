; Kconfig folds: every block entry and help text.
[
  (config)
  (menuconfig)
  (configdefault)
  (choice)
  (menu)
  (if)
  (comment_entry)
  (help_text)
] @fold
