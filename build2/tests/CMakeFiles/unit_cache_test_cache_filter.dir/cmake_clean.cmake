file(REMOVE_RECURSE
  "CMakeFiles/unit_cache_test_cache_filter.dir/unit/cache/test_cache_filter.c.o"
  "CMakeFiles/unit_cache_test_cache_filter.dir/unit/cache/test_cache_filter.c.o.d"
  "unit_cache_test_cache_filter"
  "unit_cache_test_cache_filter.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_cache_test_cache_filter.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
