# Empty dependencies file for unit_ui_test_views.
# This may be replaced when dependencies are built.
