# Empty compiler generated dependencies file for unit_app_test_params.
# This may be replaced when dependencies are built.
