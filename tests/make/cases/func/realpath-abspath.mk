# $(realpath) resolves existing paths; $(abspath) never touches the disk.
$(info $(realpath . sub/../file missing))
$(info $(abspath . sub/../file missing /a/./b/../c //x))
all: ; @:
#!file file
#!dir sub
