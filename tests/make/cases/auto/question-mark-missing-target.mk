# When the target does not exist, $? lists all prerequisites.
t: a b
	@echo '?=$?'
#!file a
#!file b
