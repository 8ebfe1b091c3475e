autoconfig := include/config/auto.conf

deps_config := \
	Kconfig \
	arch/x86/Kconfig \

$(autoconfig): $(deps_config)
$(deps_config): ;

ifneq "$(ARCH)" "x86_64"
$(autoconfig): FORCE
endif

ifneq "$(SRCARCH)" "x86"
$(autoconfig): FORCE
endif
