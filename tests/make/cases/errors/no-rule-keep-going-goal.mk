# With -k, a goal without a rule is reported without 'Stop.'.
#! args: -k nothere all
all: ; @echo all
