# $? lists the prerequisites newer than the target.
t: old new1 new2
	@echo '?=$?'
#!file t mtime=-5
#!file old mtime=-10
#!file new1
#!file new2
