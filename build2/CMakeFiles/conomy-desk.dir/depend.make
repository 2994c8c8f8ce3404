# Empty dependencies file for conomy-desk.
# This may be replaced when dependencies are built.
