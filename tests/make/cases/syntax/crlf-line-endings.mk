# CR before the newline.
x = value
all:
	@echo "[$(x)]"
