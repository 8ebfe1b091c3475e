# Recipe lines indented with spaces instead of a TAB get a hint.
all:
        @echo eight spaces
