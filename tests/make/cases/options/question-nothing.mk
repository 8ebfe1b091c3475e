# -q on a target without recipe and prerequisites that exists: up to date, status 0.
#! args: -q t
t:
#!file t
