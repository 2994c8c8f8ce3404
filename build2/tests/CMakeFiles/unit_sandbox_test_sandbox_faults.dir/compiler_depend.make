# Empty compiler generated dependencies file for unit_sandbox_test_sandbox_faults.
# This may be replaced when dependencies are built.
