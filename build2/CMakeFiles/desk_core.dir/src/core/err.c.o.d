CMakeFiles/desk_core.dir/src/core/err.c.o: \
 /work/wt/sandbox-dialect/src/core/err.c /usr/include/stdc-predef.h \
 /work/wt/sandbox-dialect/build2/include/core/core/err.h
