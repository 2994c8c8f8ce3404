# Empty compiler generated dependencies file for unit_cache_test_cache_lists.
# This may be replaced when dependencies are built.
