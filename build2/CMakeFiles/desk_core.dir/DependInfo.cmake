
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt/sandbox-dialect/src/core/account.c" "CMakeFiles/desk_core.dir/src/core/account.c.o" "gcc" "CMakeFiles/desk_core.dir/src/core/account.c.o.d"
  "/work/wt/sandbox-dialect/src/core/currency.c" "CMakeFiles/desk_core.dir/src/core/currency.c.o" "gcc" "CMakeFiles/desk_core.dir/src/core/currency.c.o.d"
  "/work/wt/sandbox-dialect/src/core/customer.c" "CMakeFiles/desk_core.dir/src/core/customer.c.o" "gcc" "CMakeFiles/desk_core.dir/src/core/customer.c.o.d"
  "/work/wt/sandbox-dialect/src/core/err.c" "CMakeFiles/desk_core.dir/src/core/err.c.o" "gcc" "CMakeFiles/desk_core.dir/src/core/err.c.o.d"
  "/work/wt/sandbox-dialect/src/core/filter.c" "CMakeFiles/desk_core.dir/src/core/filter.c.o" "gcc" "CMakeFiles/desk_core.dir/src/core/filter.c.o.d"
  "/work/wt/sandbox-dialect/src/core/json_field.c" "CMakeFiles/desk_core.dir/src/core/json_field.c.o" "gcc" "CMakeFiles/desk_core.dir/src/core/json_field.c.o.d"
  "/work/wt/sandbox-dialect/src/core/money.c" "CMakeFiles/desk_core.dir/src/core/money.c.o" "gcc" "CMakeFiles/desk_core.dir/src/core/money.c.o.d"
  "/work/wt/sandbox-dialect/src/core/payment.c" "CMakeFiles/desk_core.dir/src/core/payment.c.o" "gcc" "CMakeFiles/desk_core.dir/src/core/payment.c.o.d"
  "/work/wt/sandbox-dialect/src/core/payment_status.c" "CMakeFiles/desk_core.dir/src/core/payment_status.c.o" "gcc" "CMakeFiles/desk_core.dir/src/core/payment_status.c.o.d"
  "/work/wt/sandbox-dialect/src/core/refund.c" "CMakeFiles/desk_core.dir/src/core/refund.c.o" "gcc" "CMakeFiles/desk_core.dir/src/core/refund.c.o.d"
  "/work/wt/sandbox-dialect/src/core/sanitize.c" "CMakeFiles/desk_core.dir/src/core/sanitize.c.o" "gcc" "CMakeFiles/desk_core.dir/src/core/sanitize.c.o.d"
  "/work/wt/sandbox-dialect/src/core/strbuf.c" "CMakeFiles/desk_core.dir/src/core/strbuf.c.o" "gcc" "CMakeFiles/desk_core.dir/src/core/strbuf.c.o.d"
  "/work/wt/sandbox-dialect/src/core/timeutil.c" "CMakeFiles/desk_core.dir/src/core/timeutil.c.o" "gcc" "CMakeFiles/desk_core.dir/src/core/timeutil.c.o.d"
  "/work/wt/sandbox-dialect/src/core/xalloc.c" "CMakeFiles/desk_core.dir/src/core/xalloc.c.o" "gcc" "CMakeFiles/desk_core.dir/src/core/xalloc.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
