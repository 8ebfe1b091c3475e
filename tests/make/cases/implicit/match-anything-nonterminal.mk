# A non-terminal match-anything rule for any target without another rule.
all: thing
% : ; @echo 'anything: $@'
