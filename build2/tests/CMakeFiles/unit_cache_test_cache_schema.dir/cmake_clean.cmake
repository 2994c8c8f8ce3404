file(REMOVE_RECURSE
  "CMakeFiles/unit_cache_test_cache_schema.dir/unit/cache/test_cache_schema.c.o"
  "CMakeFiles/unit_cache_test_cache_schema.dir/unit/cache/test_cache_schema.c.o.d"
  "unit_cache_test_cache_schema"
  "unit_cache_test_cache_schema.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_cache_test_cache_schema.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
