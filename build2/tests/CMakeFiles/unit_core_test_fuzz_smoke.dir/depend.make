# Empty dependencies file for unit_core_test_fuzz_smoke.
# This may be replaced when dependencies are built.
