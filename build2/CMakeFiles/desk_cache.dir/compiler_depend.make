# Empty compiler generated dependencies file for desk_cache.
# This may be replaced when dependencies are built.
