# A goal given twice is made once, and the second mention reports it.
#! args: a a
a: ; @echo 'making a'
