# $(MAKE) $(build)=dir: a sub-make on a shared makefile with obj= on its command line.
build := -f sub.mk obj
all:
	@$(MAKE) $(build)=lib
	@$(MAKE) $(build)=drivers/net
#!file sub.mk
__build:
	@echo 'building in $(obj)'
