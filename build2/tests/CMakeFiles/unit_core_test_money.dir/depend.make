# Empty dependencies file for unit_core_test_money.
# This may be replaced when dependencies are built.
