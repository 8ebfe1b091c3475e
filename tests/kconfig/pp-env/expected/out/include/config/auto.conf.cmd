autoconfig := include/config/auto.conf

deps_config := \
	Kconfig \

$(autoconfig): $(deps_config)
$(deps_config): ;

ifneq "$(CC)" "gcc-12"
$(autoconfig): FORCE
endif

ifneq "$(EMPTY_ENV)" ""
$(autoconfig): FORCE
endif

ifneq "$(SRCARCH)" "x86"
$(autoconfig): FORCE
endif

ifneq "$(srctree)" "$SRCTREE"
$(autoconfig): FORCE
endif
