# $^ and $< in each double-colon rule are that rule's own.
t:: x y ; @echo '1: <$<> ^$^'
t:: z ; @echo '2: <$<> ^$^'
x y z: ; @:
