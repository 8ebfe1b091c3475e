# A rule made by $(eval) before any other rule becomes the default goal.
$(eval first: ; @echo first)
second: ; @echo second
