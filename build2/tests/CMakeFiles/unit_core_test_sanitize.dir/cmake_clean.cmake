file(REMOVE_RECURSE
  "CMakeFiles/unit_core_test_sanitize.dir/unit/core/test_sanitize.c.o"
  "CMakeFiles/unit_core_test_sanitize.dir/unit/core/test_sanitize.c.o.d"
  "unit_core_test_sanitize"
  "unit_core_test_sanitize.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_core_test_sanitize.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
