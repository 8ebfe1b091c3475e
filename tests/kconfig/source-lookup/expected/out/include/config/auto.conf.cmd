autoconfig := include/config/auto.conf

deps_config := \
	Kconfig \
	sub/Kconfig.both \
	sub/Kconfig.src \
	sub/Kconfig.nested \
	$SRCTREE/sub/Kconfig.abs \

$(autoconfig): $(deps_config)
$(deps_config): ;

ifneq "$(srctree)" "$SRCTREE"
$(autoconfig): FORCE
endif
