file(REMOVE_RECURSE
  "CMakeFiles/unit_cache_test_cache_faults.dir/unit/cache/test_cache_faults.c.o"
  "CMakeFiles/unit_cache_test_cache_faults.dir/unit/cache/test_cache_faults.c.o.d"
  "unit_cache_test_cache_faults"
  "unit_cache_test_cache_faults.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_cache_test_cache_faults.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
