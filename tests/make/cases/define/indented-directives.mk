# Indented (with spaces) define/endef lines are recognised; the body is verbatim.
  define a
  indented body
  endef
$(info [$(a)])
all: ; @:
