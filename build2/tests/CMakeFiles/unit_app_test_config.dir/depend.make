# Empty dependencies file for unit_app_test_config.
# This may be replaced when dependencies are built.
