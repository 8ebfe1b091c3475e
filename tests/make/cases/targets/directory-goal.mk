# An existing directory as a goal without a rule: nothing to be done.
#! args: sub
#!dir sub
