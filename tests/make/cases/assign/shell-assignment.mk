# '!=' runs the shell now; newlines become spaces, the final one goes.
a != printf 'one\ntwo\n\n'
$(info [$(a)] $(flavor a))
b != echo '$$HOME-like' ; echo x
$(info [$(value b)])
c != exit 3
$(info [$(c)] $(.SHELLSTATUS))
all: ; @:
