file(REMOVE_RECURSE
  "CMakeFiles/unit_cache_test_cache_concurrency.dir/unit/cache/test_cache_concurrency.c.o"
  "CMakeFiles/unit_cache_test_cache_concurrency.dir/unit/cache/test_cache_concurrency.c.o.d"
  "unit_cache_test_cache_concurrency"
  "unit_cache_test_cache_concurrency.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_cache_test_cache_concurrency.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
