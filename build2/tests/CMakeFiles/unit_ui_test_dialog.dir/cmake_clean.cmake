file(REMOVE_RECURSE
  "CMakeFiles/unit_ui_test_dialog.dir/unit/ui/test_dialog.c.o"
  "CMakeFiles/unit_ui_test_dialog.dir/unit/ui/test_dialog.c.o.d"
  "unit_ui_test_dialog"
  "unit_ui_test_dialog.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/unit_ui_test_dialog.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
