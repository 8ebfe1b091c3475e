# $(intcmp lhs,rhs[,lt[,eq[,gt]]]) compares integers (4.4).
$(info [$(intcmp 1,2,lt,eq,gt)] [$(intcmp 2,2,lt,eq,gt)] [$(intcmp 3,2,lt,eq,gt)])
$(info [$(intcmp 1,2)] [$(intcmp 2,2)] [$(intcmp 3,2,lt)] [$(intcmp 2,2,lt)])
$(info [$(intcmp -5,+3,lt,ge)] [$(intcmp 99999999999999999999,1,lt,eq,gt)] [$(intcmp 007,7,,eq)])
all: ; @:
