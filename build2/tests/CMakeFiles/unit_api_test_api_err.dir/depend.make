# Empty dependencies file for unit_api_test_api_err.
# This may be replaced when dependencies are built.
