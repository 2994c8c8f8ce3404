file(REMOVE_RECURSE
  "CMakeFiles/unit_ui_test_views.dir/unit/ui/test_views.c.o"
  "CMakeFiles/unit_ui_test_views.dir/unit/ui/test_views.c.o.d"
  "unit_ui_test_views"
  "unit_ui_test_views.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_ui_test_views.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
