# Empty dependencies file for conomy-sandbox.
# This may be replaced when dependencies are built.
