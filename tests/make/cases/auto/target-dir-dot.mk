# $(@D) is '.' for a target without a folder; $(@F) the whole name.
t: ; @echo '@D=[$(@D)] @F=[$(@F)]'
