
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt/sandbox-dialect/src/app/app.c" "CMakeFiles/desk_app.dir/src/app/app.c.o" "gcc" "CMakeFiles/desk_app.dir/src/app/app.c.o.d"
  "/work/wt/sandbox-dialect/src/app/app_actions.c" "CMakeFiles/desk_app.dir/src/app/app_actions.c.o" "gcc" "CMakeFiles/desk_app.dir/src/app/app_actions.c.o.d"
  "/work/wt/sandbox-dialect/src/app/app_directory.c" "CMakeFiles/desk_app.dir/src/app/app_directory.c.o" "gcc" "CMakeFiles/desk_app.dir/src/app/app_directory.c.o.d"
  "/work/wt/sandbox-dialect/src/app/app_listen.c" "CMakeFiles/desk_app.dir/src/app/app_listen.c.o" "gcc" "CMakeFiles/desk_app.dir/src/app/app_listen.c.o.d"
  "/work/wt/sandbox-dialect/src/app/app_params.c" "CMakeFiles/desk_app.dir/src/app/app_params.c.o" "gcc" "CMakeFiles/desk_app.dir/src/app/app_params.c.o.d"
  "/work/wt/sandbox-dialect/src/app/app_reads.c" "CMakeFiles/desk_app.dir/src/app/app_reads.c.o" "gcc" "CMakeFiles/desk_app.dir/src/app/app_reads.c.o.d"
  "/work/wt/sandbox-dialect/src/app/app_sync.c" "CMakeFiles/desk_app.dir/src/app/app_sync.c.o" "gcc" "CMakeFiles/desk_app.dir/src/app/app_sync.c.o.d"
  "/work/wt/sandbox-dialect/src/app/app_text.c" "CMakeFiles/desk_app.dir/src/app/app_text.c.o" "gcc" "CMakeFiles/desk_app.dir/src/app/app_text.c.o.d"
  "/work/wt/sandbox-dialect/src/app/app_worker.c" "CMakeFiles/desk_app.dir/src/app/app_worker.c.o" "gcc" "CMakeFiles/desk_app.dir/src/app/app_worker.c.o.d"
  "/work/wt/sandbox-dialect/src/app/config.c" "CMakeFiles/desk_app.dir/src/app/config.c.o" "gcc" "CMakeFiles/desk_app.dir/src/app/config.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_core.dir/DependInfo.cmake"
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_api.dir/DependInfo.cmake"
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_cache.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
