# Empty dependencies file for unit_core_test_sanitize.
# This may be replaced when dependencies are built.
