file(REMOVE_RECURSE
  "CMakeFiles/unit_core_test_money.dir/unit/core/test_money.c.o"
  "CMakeFiles/unit_core_test_money.dir/unit/core/test_money.c.o.d"
  "unit_core_test_money"
  "unit_core_test_money.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_core_test_money.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
