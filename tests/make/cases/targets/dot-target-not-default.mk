# Targets beginning with '.' (without '/') are not the default goal.
.hidden: ; @echo hidden
./visible: ; @echo visible
