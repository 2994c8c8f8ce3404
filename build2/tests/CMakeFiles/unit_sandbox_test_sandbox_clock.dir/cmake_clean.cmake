file(REMOVE_RECURSE
  "CMakeFiles/unit_sandbox_test_sandbox_clock.dir/unit/sandbox/test_sandbox_clock.c.o"
  "CMakeFiles/unit_sandbox_test_sandbox_clock.dir/unit/sandbox/test_sandbox_clock.c.o.d"
  "unit_sandbox_test_sandbox_clock"
  "unit_sandbox_test_sandbox_clock.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_sandbox_test_sandbox_clock.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
