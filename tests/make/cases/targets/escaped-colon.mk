# A backslash-escaped colon in a target name.
all: a\:b
a\:b: ; @echo 'made [$@]'
