# CMAKE generated file: DO NOT EDIT!
# Timestamp file for compiler generated dependencies management for unit_cache_test_cache_totals.
