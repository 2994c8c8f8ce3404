file(REMOVE_RECURSE
  "CMakeFiles/unit_api_test_webhook_server.dir/unit/api/test_webhook_server.c.o"
  "CMakeFiles/unit_api_test_webhook_server.dir/unit/api/test_webhook_server.c.o.d"
  "unit_api_test_webhook_server"
  "unit_api_test_webhook_server.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_api_test_webhook_server.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
