# Empty dependencies file for sandbox_lib.
# This may be replaced when dependencies are built.
