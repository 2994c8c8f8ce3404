file(REMOVE_RECURSE
  "CMakeFiles/unit_api_test_webhook.dir/unit/api/test_webhook.c.o"
  "CMakeFiles/unit_api_test_webhook.dir/unit/api/test_webhook.c.o.d"
  "unit_api_test_webhook"
  "unit_api_test_webhook.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_api_test_webhook.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
