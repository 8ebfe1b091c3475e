# A target with an empty recipe ';' that makes no file is fine.
all: phantom ; @echo all
phantom: ;
