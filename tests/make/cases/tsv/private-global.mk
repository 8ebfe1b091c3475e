# A global 'private' variable is seen in the makefile but not in any recipe.
private v = hidden
$(info makefile sees [$(v)])
all: ; @echo 'recipe sees [$(v)]'
