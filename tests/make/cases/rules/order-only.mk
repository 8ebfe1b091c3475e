# Order-only prerequisites are made first but do not make the target out of date.
out: in | dir
	@echo make out; touch out
dir:
	@echo make dir; mkdir dir
#!file in mtime=-10
#!file out mtime=-5
