
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt/sandbox-dialect/src/sandbox/sandbox.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_accounts.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_accounts.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_accounts.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_admin.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_admin.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_admin.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_assign.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_assign.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_assign.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_auth.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_auth.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_auth.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_clock.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_clock.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_clock.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_create.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_create.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_create.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_customers.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_customers.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_customers.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_db.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_db.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_db.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_demo.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_demo.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_demo.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_dialect.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_dialect.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_dialect.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_faults.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_faults.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_faults.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_http.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_http.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_http.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_idem.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_idem.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_idem.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_lifecycle.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_lifecycle.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_lifecycle.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_list.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_list.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_list.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_payments.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_payments.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_payments.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_rand.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_rand.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_rand.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_refunds.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_refunds.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_refunds.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_review.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_review.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_review.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_routes.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_routes.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_routes.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_server.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_server.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_server.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_store.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_store.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_store.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_webhooks.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_webhooks.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_webhooks.c.o.d"
  "/work/wt/sandbox-dialect/src/sandbox/sandbox_worker.c" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_worker.c.o" "gcc" "CMakeFiles/sandbox_lib.dir/src/sandbox/sandbox_worker.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_core.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
