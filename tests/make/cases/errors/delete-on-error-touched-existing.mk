# .DELETE_ON_ERROR deletes a target that existed but was changed by the failing recipe.
.DELETE_ON_ERROR:
t: src ; @echo new > $@; exit 1
#!file t
old
#!file src mtime=10
