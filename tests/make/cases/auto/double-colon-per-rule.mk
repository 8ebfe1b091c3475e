# In double-colon rules, the automatic variables belong to each rule.
t:: a
	@echo 'rule 1: ^=$^'
t:: b c
	@echo 'rule 2: ^=$^ <=$<'
a b c: ; @:
