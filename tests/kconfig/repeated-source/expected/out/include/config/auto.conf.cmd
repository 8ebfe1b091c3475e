autoconfig := include/config/auto.conf

deps_config := \
	Kconfig \
	Kconfig.inc \

$(autoconfig): $(deps_config)
$(deps_config): ;
