# $(+D), $(+F), $(|D) and $(?D) keep one entry per word.
t: a/x b/y a/x | o/z ; @echo '+D=$(+D) +F=$(+F) |D=$(|D) ?D=$(?D)'
a/x b/y o/z: ; @:
