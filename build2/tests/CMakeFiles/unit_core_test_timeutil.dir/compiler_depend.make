# Empty compiler generated dependencies file for unit_core_test_timeutil.
# This may be replaced when dependencies are built.
