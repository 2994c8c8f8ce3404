# Empty dependencies file for unit_cache_test_cache_schema.
# This may be replaced when dependencies are built.
