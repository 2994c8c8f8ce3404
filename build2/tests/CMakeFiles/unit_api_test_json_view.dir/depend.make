# Empty dependencies file for unit_api_test_json_view.
# This may be replaced when dependencies are built.
