file(REMOVE_RECURSE
  "CMakeFiles/unit_api_test_api_sandbox_actions.dir/unit/api/test_api_sandbox_actions.c.o"
  "CMakeFiles/unit_api_test_api_sandbox_actions.dir/unit/api/test_api_sandbox_actions.c.o.d"
  "unit_api_test_api_sandbox_actions"
  "unit_api_test_api_sandbox_actions.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_api_test_api_sandbox_actions.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
