# Empty dependencies file for unit_api_test_api_sandbox_webhooks.
# This may be replaced when dependencies are built.
