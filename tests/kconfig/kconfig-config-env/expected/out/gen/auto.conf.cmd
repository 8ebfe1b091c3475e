autoconfig := gen/auto.conf

deps_config := \
	Kconfig \

$(autoconfig): $(deps_config)
$(deps_config): ;
