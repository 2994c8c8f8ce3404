file(REMOVE_RECURSE
  "CMakeFiles/unit_cache_test_cache_crash.dir/unit/cache/test_cache_crash.c.o"
  "CMakeFiles/unit_cache_test_cache_crash.dir/unit/cache/test_cache_crash.c.o.d"
  "unit_cache_test_cache_crash"
  "unit_cache_test_cache_crash.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_cache_test_cache_crash.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
