# -include and sinclude ignore missing files.
-include nothere.mk
sinclude alsonot.mk other.mk
$(info $(OTHER))
all: ; @echo all
#!file other.mk
OTHER = other read
