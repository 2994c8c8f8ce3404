file(REMOVE_RECURSE
  "CMakeFiles/unit_core_test_payment_status.dir/unit/core/test_payment_status.c.o"
  "CMakeFiles/unit_core_test_payment_status.dir/unit/core/test_payment_status.c.o.d"
  "unit_core_test_payment_status"
  "unit_core_test_payment_status.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_core_test_payment_status.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
