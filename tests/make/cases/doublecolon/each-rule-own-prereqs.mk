# Each double-colon rule runs only if its own prerequisites are newer.
t:: a ; @echo 'rule 1 ($?)'
t:: b ; @echo 'rule 2 ($?)'
t:: c ; @echo 'rule 3 ($?)'
#!file t mtime=5
#!file a
#!file b mtime=10
#!file c
