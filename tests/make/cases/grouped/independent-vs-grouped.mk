# Plain ':' with several targets runs the recipe for each; '&:' once.
all: p q r s
p q: ; @echo 'independent $@'
r s &: ; @echo 'grouped $@'
