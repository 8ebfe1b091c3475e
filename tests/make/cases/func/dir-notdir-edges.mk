# $(dir), $(notdir), $(suffix), $(basename) on edge cases.
$(info [$(dir / a/ /a .. ./x)] [$(notdir / a/ /a .. ./x)])
$(info [$(suffix a.b/c .x a.b.c d.)] [$(basename a.b/c .x a.b.c d.)])
all: ; @:
