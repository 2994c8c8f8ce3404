file(REMOVE_RECURSE
  "CMakeFiles/unit_cache_test_cache_open.dir/unit/cache/test_cache_open.c.o"
  "CMakeFiles/unit_cache_test_cache_open.dir/unit/cache/test_cache_open.c.o.d"
  "unit_cache_test_cache_open"
  "unit_cache_test_cache_open.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_cache_test_cache_open.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
