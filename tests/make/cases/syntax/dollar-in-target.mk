# '$$' in a target name is a literal '$'.
all: a$$b
a$$b: ; @echo '[$@]'
