# Empty compiler generated dependencies file for unit_core_test_payment.
# This may be replaced when dependencies are built.
