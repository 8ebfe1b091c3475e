# A target listed twice in one rule.
all: x
x x: ; @echo 'made $@'
