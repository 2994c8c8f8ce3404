file(REMOVE_RECURSE
  "CMakeFiles/unit_cache_test_cache_totals.dir/unit/cache/test_cache_totals.c.o"
  "CMakeFiles/unit_cache_test_cache_totals.dir/unit/cache/test_cache_totals.c.o.d"
  "unit_cache_test_cache_totals"
  "unit_cache_test_cache_totals.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_cache_test_cache_totals.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
