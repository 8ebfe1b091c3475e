# Rules read before .SECONDEXPANSION keep their literal '$'.
x: $$y ; @echo 'x prereqs: $^'
.SECONDEXPANSION:
y = ignored
#!file $y
