# A target-specific .EXTRA_PREREQS is built first but not in $^.
t: .EXTRA_PREREQS = tool
t: input ; @echo 't ^=[$^]'
tool input: ; @echo 'make $@'
