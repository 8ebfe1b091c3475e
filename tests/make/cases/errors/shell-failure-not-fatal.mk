# A failing $(shell) command does not stop make.
X := $(shell exit 7)
all: ; @echo 'go on, status was $(.SHELLSTATUS)'
