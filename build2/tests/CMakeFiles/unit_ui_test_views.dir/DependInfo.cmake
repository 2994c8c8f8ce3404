
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt/sandbox-dialect/tests/unit/ui/test_views.c" "tests/CMakeFiles/unit_ui_test_views.dir/unit/ui/test_views.c.o" "gcc" "tests/CMakeFiles/unit_ui_test_views.dir/unit/ui/test_views.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_ui.dir/DependInfo.cmake"
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_app.dir/DependInfo.cmake"
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_api.dir/DependInfo.cmake"
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_cache.dir/DependInfo.cmake"
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_core.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
