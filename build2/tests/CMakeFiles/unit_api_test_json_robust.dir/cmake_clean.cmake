file(REMOVE_RECURSE
  "CMakeFiles/unit_api_test_json_robust.dir/unit/api/test_json_robust.c.o"
  "CMakeFiles/unit_api_test_json_robust.dir/unit/api/test_json_robust.c.o.d"
  "unit_api_test_json_robust"
  "unit_api_test_json_robust.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_api_test_json_robust.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
