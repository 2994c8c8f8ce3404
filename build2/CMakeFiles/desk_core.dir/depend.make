# Empty dependencies file for desk_core.
# This may be replaced when dependencies are built.
