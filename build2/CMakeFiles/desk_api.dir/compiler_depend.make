# Empty compiler generated dependencies file for desk_api.
# This may be replaced when dependencies are built.
