# The exported value is the variable's expansion at recipe time.
export V = [$(W)]
W = late
all:
	@echo "$$V"
