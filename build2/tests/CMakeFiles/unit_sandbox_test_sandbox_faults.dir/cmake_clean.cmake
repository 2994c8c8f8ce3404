file(REMOVE_RECURSE
  "CMakeFiles/unit_sandbox_test_sandbox_faults.dir/unit/sandbox/test_sandbox_faults.c.o"
  "CMakeFiles/unit_sandbox_test_sandbox_faults.dir/unit/sandbox/test_sandbox_faults.c.o.d"
  "unit_sandbox_test_sandbox_faults"
  "unit_sandbox_test_sandbox_faults.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_sandbox_test_sandbox_faults.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
