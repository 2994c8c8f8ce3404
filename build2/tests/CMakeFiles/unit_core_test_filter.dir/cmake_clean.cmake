file(REMOVE_RECURSE
  "CMakeFiles/unit_core_test_filter.dir/unit/core/test_filter.c.o"
  "CMakeFiles/unit_core_test_filter.dir/unit/core/test_filter.c.o.d"
  "unit_core_test_filter"
  "unit_core_test_filter.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_core_test_filter.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
