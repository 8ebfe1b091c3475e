# The built-in (%): % rule puts a member into the archive with $(AR).
AR = @echo ar
all: lib.a(m.o) ; @echo done
#!file m.o
