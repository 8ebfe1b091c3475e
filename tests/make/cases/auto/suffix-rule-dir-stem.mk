# A suffix rule on a target in a folder: $* includes the folder.
.SUFFIXES: .src .dst
.src.dst: ; @echo '*=$* <=$< @=$@'
all: d/x.dst
#!file d/x.src
