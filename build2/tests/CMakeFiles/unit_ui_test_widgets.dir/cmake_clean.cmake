file(REMOVE_RECURSE
  "CMakeFiles/unit_ui_test_widgets.dir/unit/ui/test_widgets.c.o"
  "CMakeFiles/unit_ui_test_widgets.dir/unit/ui/test_widgets.c.o.d"
  "unit_ui_test_widgets"
  "unit_ui_test_widgets.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_ui_test_widgets.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
