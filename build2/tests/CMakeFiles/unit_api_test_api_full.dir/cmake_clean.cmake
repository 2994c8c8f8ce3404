file(REMOVE_RECURSE
  "CMakeFiles/unit_api_test_api_full.dir/unit/api/test_api_full.c.o"
  "CMakeFiles/unit_api_test_api_full.dir/unit/api/test_api_full.c.o.d"
  "unit_api_test_api_full"
  "unit_api_test_api_full.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_api_test_api_full.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
