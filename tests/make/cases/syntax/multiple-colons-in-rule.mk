# A rule line with too many colons.
a: b: c: d
