file(REMOVE_RECURSE
  "CMakeFiles/unit_core_test_payment.dir/unit/core/test_payment.c.o"
  "CMakeFiles/unit_core_test_payment.dir/unit/core/test_payment.c.o.d"
  "unit_core_test_payment"
  "unit_core_test_payment.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_core_test_payment.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
