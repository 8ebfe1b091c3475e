# Reading a generated config file of 'CONFIG_X=y' assignments.
include auto.conf
ifdef CONFIG_A
$(info A is $(CONFIG_A))
endif
ifndef CONFIG_B
$(info B is not set)
endif
$(info C is $(CONFIG_C) ($(flavor CONFIG_C)))
all: ; @:
#!file auto.conf
#
# Automatically generated file; DO NOT EDIT.
#
CONFIG_A=y
CONFIG_C="a string with # hash"
# CONFIG_B is not set
