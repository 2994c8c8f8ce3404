file(REMOVE_RECURSE
  "CMakeFiles/unit_cache_test_cache_lists.dir/unit/cache/test_cache_lists.c.o"
  "CMakeFiles/unit_cache_test_cache_lists.dir/unit/cache/test_cache_lists.c.o.d"
  "unit_cache_test_cache_lists"
  "unit_cache_test_cache_lists.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_cache_test_cache_lists.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
