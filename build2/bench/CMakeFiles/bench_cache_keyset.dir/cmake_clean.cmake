file(REMOVE_RECURSE
  "CMakeFiles/bench_cache_keyset.dir/bench_cache_keyset.c.o"
  "CMakeFiles/bench_cache_keyset.dir/bench_cache_keyset.c.o.d"
  "bench_cache_keyset"
  "bench_cache_keyset.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/bench_cache_keyset.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
