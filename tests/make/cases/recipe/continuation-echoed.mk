# How a continued line is echoed.
all:
	echo a \
	  b \
c
