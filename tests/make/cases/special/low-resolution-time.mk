# .LOW_RESOLUTION_TIME is accepted (a file with it compares by whole seconds).
.LOW_RESOLUTION_TIME: out
out: in ; @echo remade
#!file in
#!file out
