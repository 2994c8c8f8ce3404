# Empty dependencies file for unit_cache_test_cache_open.
# This may be replaced when dependencies are built.
