# Empty compiler generated dependencies file for desk_ui.
# This may be replaced when dependencies are built.
