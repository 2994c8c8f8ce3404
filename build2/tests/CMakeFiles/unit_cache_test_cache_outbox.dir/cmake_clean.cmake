file(REMOVE_RECURSE
  "CMakeFiles/unit_cache_test_cache_outbox.dir/unit/cache/test_cache_outbox.c.o"
  "CMakeFiles/unit_cache_test_cache_outbox.dir/unit/cache/test_cache_outbox.c.o.d"
  "unit_cache_test_cache_outbox"
  "unit_cache_test_cache_outbox.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_cache_test_cache_outbox.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
