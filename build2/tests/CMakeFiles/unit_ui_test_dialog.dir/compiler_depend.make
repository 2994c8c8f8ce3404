# Empty compiler generated dependencies file for unit_ui_test_dialog.
# This may be replaced when dependencies are built.
