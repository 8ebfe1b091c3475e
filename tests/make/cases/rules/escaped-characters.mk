# Escaped blanks and colons in target names.
all: a\ b c\:d
a\ b: ; @echo '[$@]'
c\:d: ; @echo '[$@]'
