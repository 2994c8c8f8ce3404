# CMAKE generated file: DO NOT EDIT!
# Timestamp file for compiler generated dependencies management for unit_sandbox_test_sandbox_faults.
