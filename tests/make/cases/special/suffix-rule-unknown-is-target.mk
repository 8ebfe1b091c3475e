# Without its suffixes in .SUFFIXES, '.q.r:' is a plain target (but not the default goal).
.q.r: ; @echo 'plain target $@'
all: ; @echo all
