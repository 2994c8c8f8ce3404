# Empty dependencies file for desk_cli.
# This may be replaced when dependencies are built.
