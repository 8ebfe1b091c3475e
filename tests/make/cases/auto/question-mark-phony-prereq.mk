# A phony prerequisite is always in $?.
t: ph real ; @echo '?=[$?]'
.PHONY: ph
ph: ; @:
#!file t mtime=10
#!file real
