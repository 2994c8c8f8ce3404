file(REMOVE_RECURSE
  "CMakeFiles/unit_core_test_xalloc.dir/unit/core/test_xalloc.c.o"
  "CMakeFiles/unit_core_test_xalloc.dir/unit/core/test_xalloc.c.o.d"
  "unit_core_test_xalloc"
  "unit_core_test_xalloc.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_core_test_xalloc.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
