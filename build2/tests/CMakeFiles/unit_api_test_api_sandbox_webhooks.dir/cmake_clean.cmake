file(REMOVE_RECURSE
  "CMakeFiles/unit_api_test_api_sandbox_webhooks.dir/unit/api/test_api_sandbox_webhooks.c.o"
  "CMakeFiles/unit_api_test_api_sandbox_webhooks.dir/unit/api/test_api_sandbox_webhooks.c.o.d"
  "unit_api_test_api_sandbox_webhooks"
  "unit_api_test_api_sandbox_webhooks.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_api_test_api_sandbox_webhooks.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
