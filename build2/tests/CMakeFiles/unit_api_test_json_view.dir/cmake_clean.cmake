file(REMOVE_RECURSE
  "CMakeFiles/unit_api_test_json_view.dir/unit/api/test_json_view.c.o"
  "CMakeFiles/unit_api_test_json_view.dir/unit/api/test_json_view.c.o.d"
  "unit_api_test_json_view"
  "unit_api_test_json_view.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_api_test_json_view.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
