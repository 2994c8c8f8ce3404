# Empty compiler generated dependencies file for unit_cache_test_cache_outbox.
# This may be replaced when dependencies are built.
