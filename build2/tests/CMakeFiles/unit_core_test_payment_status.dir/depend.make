# Empty dependencies file for unit_core_test_payment_status.
# This may be replaced when dependencies are built.
