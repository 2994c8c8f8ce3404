file(REMOVE_RECURSE
  "CMakeFiles/unit_core_test_strbuf.dir/unit/core/test_strbuf.c.o"
  "CMakeFiles/unit_core_test_strbuf.dir/unit/core/test_strbuf.c.o.d"
  "unit_core_test_strbuf"
  "unit_core_test_strbuf.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_core_test_strbuf.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
