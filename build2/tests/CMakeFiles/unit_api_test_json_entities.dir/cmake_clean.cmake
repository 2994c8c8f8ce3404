file(REMOVE_RECURSE
  "CMakeFiles/unit_api_test_json_entities.dir/unit/api/test_json_entities.c.o"
  "CMakeFiles/unit_api_test_json_entities.dir/unit/api/test_json_entities.c.o.d"
  "unit_api_test_json_entities"
  "unit_api_test_json_entities.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_api_test_json_entities.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
