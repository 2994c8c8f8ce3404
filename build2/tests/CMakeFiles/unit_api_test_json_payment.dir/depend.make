# Empty dependencies file for unit_api_test_json_payment.
# This may be replaced when dependencies are built.
