# Empty dependencies file for unit_core_test_xalloc.
# This may be replaced when dependencies are built.
