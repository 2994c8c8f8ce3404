# Empty compiler generated dependencies file for unit_cache_test_cache_concurrency.
# This may be replaced when dependencies are built.
