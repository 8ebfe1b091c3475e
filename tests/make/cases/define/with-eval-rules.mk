# A define holding rules, instantiated with $(eval $(call ...)).
all: a b
define prog
$(1): $(1).in
	@echo build $$@ from $$<
endef
$(foreach p,a b,$(eval $(call prog,$(p))))
#!file a.in
#!file b.in
