file(REMOVE_RECURSE
  "CMakeFiles/unit_core_test_refund.dir/unit/core/test_refund.c.o"
  "CMakeFiles/unit_core_test_refund.dir/unit/core/test_refund.c.o.d"
  "unit_core_test_refund"
  "unit_core_test_refund.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_core_test_refund.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
