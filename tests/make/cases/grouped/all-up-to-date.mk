# Every grouped target newer than the prerequisite: nothing to do.
a b &: src ; touch a b
#!file a mtime=10
#!file b mtime=10
#!file src
