file(REMOVE_RECURSE
  "CMakeFiles/unit_core_test_timeutil.dir/unit/core/test_timeutil.c.o"
  "CMakeFiles/unit_core_test_timeutil.dir/unit/core/test_timeutil.c.o.d"
  "unit_core_test_timeutil"
  "unit_core_test_timeutil.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_core_test_timeutil.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
