# Empty compiler generated dependencies file for unit_sandbox_test_sandbox_clock.
# This may be replaced when dependencies are built.
