# The built-in %: %.sh rule copies and makes executable.
all: tool
#!file tool.sh
echo tool
