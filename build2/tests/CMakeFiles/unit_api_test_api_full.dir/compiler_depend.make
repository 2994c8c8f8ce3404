# Empty compiler generated dependencies file for unit_api_test_api_full.
# This may be replaced when dependencies are built.
