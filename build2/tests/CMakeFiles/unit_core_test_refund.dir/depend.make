# Empty dependencies file for unit_core_test_refund.
# This may be replaced when dependencies are built.
