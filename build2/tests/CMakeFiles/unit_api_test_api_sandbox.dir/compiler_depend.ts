# CMAKE generated file: DO NOT EDIT!
# Timestamp file for compiler generated dependencies management for unit_api_test_api_sandbox.
