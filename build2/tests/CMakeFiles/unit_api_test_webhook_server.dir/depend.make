# Empty dependencies file for unit_api_test_webhook_server.
# This may be replaced when dependencies are built.
