# '#' starts a comment almost anywhere; '\#' is a literal '#'.
a = value # comment
b = has \# hash
c = x\\# comment after backslash
$(info [$(a)] [$(b)] [$(c)])
all: ; @echo '$(b)' # comment after recipe? no: sent to the shell
