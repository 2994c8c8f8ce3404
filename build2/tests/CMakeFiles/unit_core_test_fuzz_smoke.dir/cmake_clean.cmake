file(REMOVE_RECURSE
  "CMakeFiles/unit_core_test_fuzz_smoke.dir/unit/core/test_fuzz_smoke.c.o"
  "CMakeFiles/unit_core_test_fuzz_smoke.dir/unit/core/test_fuzz_smoke.c.o.d"
  "unit_core_test_fuzz_smoke"
  "unit_core_test_fuzz_smoke.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_core_test_fuzz_smoke.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
