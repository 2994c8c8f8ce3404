file(REMOVE_RECURSE
  "CMakeFiles/unit_app_test_config.dir/unit/app/test_config.c.o"
  "CMakeFiles/unit_app_test_config.dir/unit/app/test_config.c.o.d"
  "unit_app_test_config"
  "unit_app_test_config.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_app_test_config.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
