file(REMOVE_RECURSE
  "CMakeFiles/unit_cache_test_cache_payments.dir/unit/cache/test_cache_payments.c.o"
  "CMakeFiles/unit_cache_test_cache_payments.dir/unit/cache/test_cache_payments.c.o.d"
  "unit_cache_test_cache_payments"
  "unit_cache_test_cache_payments.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_cache_test_cache_payments.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
