# A target-specific ':=' is expanded when read; '=' when used.
x = early
all: s := $(x)
all: r = $(x)
all: ; @echo 's=$(s) r=$(r)'
x = late
