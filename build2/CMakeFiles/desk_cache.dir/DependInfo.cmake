
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt/sandbox-dialect/src/cache/cache.c" "CMakeFiles/desk_cache.dir/src/cache/cache.c.o" "gcc" "CMakeFiles/desk_cache.dir/src/cache/cache.c.o.d"
  "/work/wt/sandbox-dialect/src/cache/cache_activity.c" "CMakeFiles/desk_cache.dir/src/cache/cache_activity.c.o" "gcc" "CMakeFiles/desk_cache.dir/src/cache/cache_activity.c.o.d"
  "/work/wt/sandbox-dialect/src/cache/cache_customers.c" "CMakeFiles/desk_cache.dir/src/cache/cache_customers.c.o" "gcc" "CMakeFiles/desk_cache.dir/src/cache/cache_customers.c.o.d"
  "/work/wt/sandbox-dialect/src/cache/cache_err.c" "CMakeFiles/desk_cache.dir/src/cache/cache_err.c.o" "gcc" "CMakeFiles/desk_cache.dir/src/cache/cache_err.c.o.d"
  "/work/wt/sandbox-dialect/src/cache/cache_filter.c" "CMakeFiles/desk_cache.dir/src/cache/cache_filter.c.o" "gcc" "CMakeFiles/desk_cache.dir/src/cache/cache_filter.c.o.d"
  "/work/wt/sandbox-dialect/src/cache/cache_maint.c" "CMakeFiles/desk_cache.dir/src/cache/cache_maint.c.o" "gcc" "CMakeFiles/desk_cache.dir/src/cache/cache_maint.c.o.d"
  "/work/wt/sandbox-dialect/src/cache/cache_meta.c" "CMakeFiles/desk_cache.dir/src/cache/cache_meta.c.o" "gcc" "CMakeFiles/desk_cache.dir/src/cache/cache_meta.c.o.d"
  "/work/wt/sandbox-dialect/src/cache/cache_outbox.c" "CMakeFiles/desk_cache.dir/src/cache/cache_outbox.c.o" "gcc" "CMakeFiles/desk_cache.dir/src/cache/cache_outbox.c.o.d"
  "/work/wt/sandbox-dialect/src/cache/cache_payments.c" "CMakeFiles/desk_cache.dir/src/cache/cache_payments.c.o" "gcc" "CMakeFiles/desk_cache.dir/src/cache/cache_payments.c.o.d"
  "/work/wt/sandbox-dialect/src/cache/cache_schema.c" "CMakeFiles/desk_cache.dir/src/cache/cache_schema.c.o" "gcc" "CMakeFiles/desk_cache.dir/src/cache/cache_schema.c.o.d"
  "/work/wt/sandbox-dialect/src/cache/cache_sql.c" "CMakeFiles/desk_cache.dir/src/cache/cache_sql.c.o" "gcc" "CMakeFiles/desk_cache.dir/src/cache/cache_sql.c.o.d"
  "/work/wt/sandbox-dialect/src/cache/cache_totals.c" "CMakeFiles/desk_cache.dir/src/cache/cache_totals.c.o" "gcc" "CMakeFiles/desk_cache.dir/src/cache/cache_totals.c.o.d"
  "/work/wt/sandbox-dialect/src/cache/cache_version.c" "CMakeFiles/desk_cache.dir/src/cache/cache_version.c.o" "gcc" "CMakeFiles/desk_cache.dir/src/cache/cache_version.c.o.d"
  "/work/wt/sandbox-dialect/src/cache/cache_webhook.c" "CMakeFiles/desk_cache.dir/src/cache/cache_webhook.c.o" "gcc" "CMakeFiles/desk_cache.dir/src/cache/cache_webhook.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_core.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
