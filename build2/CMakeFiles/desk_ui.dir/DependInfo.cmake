
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt/sandbox-dialect/src/ui/canvas.c" "CMakeFiles/desk_ui.dir/src/ui/canvas.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/canvas.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/confirm.c" "CMakeFiles/desk_ui.dir/src/ui/confirm.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/confirm.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/dialog.c" "CMakeFiles/desk_ui.dir/src/ui/dialog.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/dialog.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/draft.c" "CMakeFiles/desk_ui.dir/src/ui/draft.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/draft.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/filecheck.c" "CMakeFiles/desk_ui.dir/src/ui/filecheck.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/filecheck.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/keymap.c" "CMakeFiles/desk_ui.dir/src/ui/keymap.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/keymap.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/paylist.c" "CMakeFiles/desk_ui.dir/src/ui/paylist.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/paylist.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/prompt.c" "CMakeFiles/desk_ui.dir/src/ui/prompt.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/prompt.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/statusbar.c" "CMakeFiles/desk_ui.dir/src/ui/statusbar.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/statusbar.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/tabbar.c" "CMakeFiles/desk_ui.dir/src/ui/tabbar.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/tabbar.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/term.c" "CMakeFiles/desk_ui.dir/src/ui/term.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/term.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/textdoc.c" "CMakeFiles/desk_ui.dir/src/ui/textdoc.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/textdoc.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/theme.c" "CMakeFiles/desk_ui.dir/src/ui/theme.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/theme.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/ui.c" "CMakeFiles/desk_ui.dir/src/ui/ui.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/ui.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/ui_cmd.c" "CMakeFiles/desk_ui.dir/src/ui/ui_cmd.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/ui_cmd.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/ui_draw.c" "CMakeFiles/desk_ui.dir/src/ui/ui_draw.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/ui_draw.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/ui_keys.c" "CMakeFiles/desk_ui.dir/src/ui/ui_keys.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/ui_keys.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/view.c" "CMakeFiles/desk_ui.dir/src/ui/view.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/view.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/view_activity.c" "CMakeFiles/desk_ui.dir/src/ui/view_activity.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/view_activity.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/view_customers.c" "CMakeFiles/desk_ui.dir/src/ui/view_customers.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/view_customers.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/view_detail.c" "CMakeFiles/desk_ui.dir/src/ui/view_detail.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/view_detail.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/view_help.c" "CMakeFiles/desk_ui.dir/src/ui/view_help.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/view_help.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/view_payments.c" "CMakeFiles/desk_ui.dir/src/ui/view_payments.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/view_payments.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/view_refunds.c" "CMakeFiles/desk_ui.dir/src/ui/view_refunds.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/view_refunds.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/view_review.c" "CMakeFiles/desk_ui.dir/src/ui/view_review.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/view_review.c.o.d"
  "/work/wt/sandbox-dialect/src/ui/view_unassigned.c" "CMakeFiles/desk_ui.dir/src/ui/view_unassigned.c.o" "gcc" "CMakeFiles/desk_ui.dir/src/ui/view_unassigned.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_app.dir/DependInfo.cmake"
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_api.dir/DependInfo.cmake"
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_cache.dir/DependInfo.cmake"
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_core.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
