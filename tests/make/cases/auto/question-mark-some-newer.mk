# $? lists only the prerequisites newer than the target; order-only ones never.
t: old new1 new2 | ord ; @echo '?=[$?] ^=[$^] |=[$|]'
#!file t mtime=5
#!file old
#!file new1 mtime=10
#!file new2 mtime=10
#!file ord mtime=10
