file(REMOVE_RECURSE
  "CMakeFiles/unit_api_test_api_sandbox.dir/unit/api/test_api_sandbox.c.o"
  "CMakeFiles/unit_api_test_api_sandbox.dir/unit/api/test_api_sandbox.c.o.d"
  "unit_api_test_api_sandbox"
  "unit_api_test_api_sandbox.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_api_test_api_sandbox.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
