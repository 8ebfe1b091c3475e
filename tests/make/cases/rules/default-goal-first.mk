# The first target is the default goal; targets starting with '.' are skipped.
.hidden: ; @echo hidden
first second: ; @echo $@
