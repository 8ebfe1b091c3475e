autoconfig := include/config/auto.conf

deps_config := \
	Kconfig \
	Kconfig.sub \

$(autoconfig): $(deps_config)
$(deps_config): ;
