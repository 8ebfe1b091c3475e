# $(intcmp) with negative and very large numbers, and signed zeros.
$(info $(intcmp -10,-9,lt,eq,gt) $(intcmp -0,+0,lt,eq,gt) $(intcmp -99999999999999999999,-99999999999999999998,lt,eq,gt))
$(info $(intcmp 18446744073709551616,18446744073709551615,lt,eq,gt) $(intcmp 9223372036854775807,-9223372036854775808,lt,eq,gt))
$(info [$(intcmp 5,5)] [$(intcmp -3,-3)] [$(intcmp 0,-0)])
all: ; @:
