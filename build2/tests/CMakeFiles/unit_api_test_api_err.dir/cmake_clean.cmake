file(REMOVE_RECURSE
  "CMakeFiles/unit_api_test_api_err.dir/unit/api/test_api_err.c.o"
  "CMakeFiles/unit_api_test_api_err.dir/unit/api/test_api_err.c.o.d"
  "unit_api_test_api_err"
  "unit_api_test_api_err.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_api_test_api_err.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
