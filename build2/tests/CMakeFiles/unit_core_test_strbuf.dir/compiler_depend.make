# Empty compiler generated dependencies file for unit_core_test_strbuf.
# This may be replaced when dependencies are built.
