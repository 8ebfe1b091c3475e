# A match-anything rule: $* is the whole target name.
all: some/file.txt
%:: ; @echo '*=[$*] @=[$@]'
