autoconfig := include/config/auto.conf

deps_config := \
	Kconfig \

$(autoconfig): $(deps_config)
$(deps_config): ;

ifneq "$(ARCH)" "x86"
$(autoconfig): FORCE
endif

ifneq "$(KERNELVERSION)" "6.12.0"
$(autoconfig): FORCE
endif
