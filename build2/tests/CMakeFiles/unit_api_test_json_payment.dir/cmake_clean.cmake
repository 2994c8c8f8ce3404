file(REMOVE_RECURSE
  "CMakeFiles/unit_api_test_json_payment.dir/unit/api/test_json_payment.c.o"
  "CMakeFiles/unit_api_test_json_payment.dir/unit/api/test_json_payment.c.o.d"
  "unit_api_test_json_payment"
  "unit_api_test_json_payment.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_api_test_json_payment.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
