# Empty dependencies file for unit_cache_test_cache_faults.
# This may be replaced when dependencies are built.
