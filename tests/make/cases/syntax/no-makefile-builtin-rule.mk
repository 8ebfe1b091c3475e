# No makefile: built-in rules can still make a goal.
#! makefile: none
#! args: prog
#!file prog.sh
echo hi
