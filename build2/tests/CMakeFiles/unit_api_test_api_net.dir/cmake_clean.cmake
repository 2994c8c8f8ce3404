file(REMOVE_RECURSE
  "CMakeFiles/unit_api_test_api_net.dir/unit/api/test_api_net.c.o"
  "CMakeFiles/unit_api_test_api_net.dir/unit/api/test_api_net.c.o.d"
  "unit_api_test_api_net"
  "unit_api_test_api_net.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_api_test_api_net.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
