# Empty compiler generated dependencies file for unit_api_test_json_entities.
# This may be replaced when dependencies are built.
