# $< and $^ are empty for a rule without prerequisites.
t: ; @echo '<=[$<] ^=[$^] ?=[$?] *=[$*]'
