# An existing target whose prerequisite has no rule and is missing: error with "needed by".
t: gone ; @echo never
#!file t
