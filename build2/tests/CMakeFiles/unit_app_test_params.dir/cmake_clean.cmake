file(REMOVE_RECURSE
  "CMakeFiles/unit_app_test_params.dir/unit/app/test_params.c.o"
  "CMakeFiles/unit_app_test_params.dir/unit/app/test_params.c.o.d"
  "unit_app_test_params"
  "unit_app_test_params.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_app_test_params.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
