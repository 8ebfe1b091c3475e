# A newer order-only prerequisite does not trigger a rebuild; $| lists them.
out: in | stamp other
	@echo never
show: in | stamp other
	@echo '^=$^ |=$|'
#!file in mtime=-10
#!file stamp
#!file other
#!file out mtime=-5
