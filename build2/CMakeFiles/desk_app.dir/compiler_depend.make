# Empty compiler generated dependencies file for desk_app.
# This may be replaced when dependencies are built.
