# $(origin) for every kind of variable.
#! args: cmd=1 ovr=1
#! env: ENVVAR=1
#! env: ENVOVR=1
file = 1
override ovr = 2
ENVOVR = 2
$(info undefined: $(origin nothing))
$(info default: $(origin CC))
$(info environment: $(origin ENVVAR))
$(info file: $(origin file) $(origin ENVOVR))
$(info command line: $(origin cmd))
$(info override: $(origin ovr))
$(info automatic: $(origin @) $(origin <))
$(info computed: $(origin $(firstword file)))
all: ; @echo 'in recipe: $(origin @) $(origin ^)'
