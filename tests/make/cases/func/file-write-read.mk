# $(file >f,text) writes, '>>' appends, '<' reads (without the final newline).
$(file >out.txt,first)
$(file >>out.txt,second)
$(file >> out.txt ,third)
$(info [$(file <out.txt)])
$(file >empty.txt)
$(info [$(file <empty.txt)] [$(file <missing.txt)])
all: ; @:
