
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt/sandbox-dialect/src/cli/cli.c" "CMakeFiles/desk_cli.dir/src/cli/cli.c.o" "gcc" "CMakeFiles/desk_cli.dir/src/cli/cli.c.o.d"
  "/work/wt/sandbox-dialect/src/cli/cli_actions.c" "CMakeFiles/desk_cli.dir/src/cli/cli_actions.c.o" "gcc" "CMakeFiles/desk_cli.dir/src/cli/cli_actions.c.o.d"
  "/work/wt/sandbox-dialect/src/cli/cli_listen.c" "CMakeFiles/desk_cli.dir/src/cli/cli_listen.c.o" "gcc" "CMakeFiles/desk_cli.dir/src/cli/cli_listen.c.o.d"
  "/work/wt/sandbox-dialect/src/cli/cli_misc.c" "CMakeFiles/desk_cli.dir/src/cli/cli_misc.c.o" "gcc" "CMakeFiles/desk_cli.dir/src/cli/cli_misc.c.o.d"
  "/work/wt/sandbox-dialect/src/cli/cli_payments.c" "CMakeFiles/desk_cli.dir/src/cli/cli_payments.c.o" "gcc" "CMakeFiles/desk_cli.dir/src/cli/cli_payments.c.o.d"
  "/work/wt/sandbox-dialect/src/cli/cli_print.c" "CMakeFiles/desk_cli.dir/src/cli/cli_print.c.o" "gcc" "CMakeFiles/desk_cli.dir/src/cli/cli_print.c.o.d"
  "/work/wt/sandbox-dialect/src/cli/cli_sync.c" "CMakeFiles/desk_cli.dir/src/cli/cli_sync.c.o" "gcc" "CMakeFiles/desk_cli.dir/src/cli/cli_sync.c.o.d"
  "/work/wt/sandbox-dialect/src/cli/cli_tui.c" "CMakeFiles/desk_cli.dir/src/cli/cli_tui.c.o" "gcc" "CMakeFiles/desk_cli.dir/src/cli/cli_tui.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_app.dir/DependInfo.cmake"
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_ui.dir/DependInfo.cmake"
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_api.dir/DependInfo.cmake"
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_cache.dir/DependInfo.cmake"
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_core.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
