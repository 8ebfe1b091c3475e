# Text written by $(file) gets a newline unless it already ends with one.
define two
line1
line2

endef
$(file >a.txt,$(two))
$(file >b.txt,no-newline)
all: ; @:
