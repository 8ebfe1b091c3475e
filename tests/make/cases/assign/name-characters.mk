# Names may hold punctuation other than ':', '#', '=' and blanks.
a.b-c/d+e@f = 1
$(info [$(a.b-c/d+e@f)])
x,y = 2
$(info [$(x,y)])
all: ; @:
