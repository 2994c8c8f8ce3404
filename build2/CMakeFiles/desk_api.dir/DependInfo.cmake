
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/wt/sandbox-dialect/src/api/api_accounts.c" "CMakeFiles/desk_api.dir/src/api/api_accounts.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/api_accounts.c.o.d"
  "/work/wt/sandbox-dialect/src/api/api_actions.c" "CMakeFiles/desk_api.dir/src/api/api_actions.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/api_actions.c.o.d"
  "/work/wt/sandbox-dialect/src/api/api_call.c" "CMakeFiles/desk_api.dir/src/api/api_call.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/api_call.c.o.d"
  "/work/wt/sandbox-dialect/src/api/api_client.c" "CMakeFiles/desk_api.dir/src/api/api_client.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/api_client.c.o.d"
  "/work/wt/sandbox-dialect/src/api/api_customers.c" "CMakeFiles/desk_api.dir/src/api/api_customers.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/api_customers.c.o.d"
  "/work/wt/sandbox-dialect/src/api/api_documents.c" "CMakeFiles/desk_api.dir/src/api/api_documents.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/api_documents.c.o.d"
  "/work/wt/sandbox-dialect/src/api/api_err.c" "CMakeFiles/desk_api.dir/src/api/api_err.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/api_err.c.o.d"
  "/work/wt/sandbox-dialect/src/api/api_payments.c" "CMakeFiles/desk_api.dir/src/api/api_payments.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/api_payments.c.o.d"
  "/work/wt/sandbox-dialect/src/api/api_refunds.c" "CMakeFiles/desk_api.dir/src/api/api_refunds.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/api_refunds.c.o.d"
  "/work/wt/sandbox-dialect/src/api/file_digest.c" "CMakeFiles/desk_api.dir/src/api/file_digest.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/file_digest.c.o.d"
  "/work/wt/sandbox-dialect/src/api/http.c" "CMakeFiles/desk_api.dir/src/api/http.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/http.c.o.d"
  "/work/wt/sandbox-dialect/src/api/json_account.c" "CMakeFiles/desk_api.dir/src/api/json_account.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/json_account.c.o.d"
  "/work/wt/sandbox-dialect/src/api/json_customer.c" "CMakeFiles/desk_api.dir/src/api/json_customer.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/json_customer.c.o.d"
  "/work/wt/sandbox-dialect/src/api/json_list.c" "CMakeFiles/desk_api.dir/src/api/json_list.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/json_list.c.o.d"
  "/work/wt/sandbox-dialect/src/api/json_payment.c" "CMakeFiles/desk_api.dir/src/api/json_payment.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/json_payment.c.o.d"
  "/work/wt/sandbox-dialect/src/api/json_refund.c" "CMakeFiles/desk_api.dir/src/api/json_refund.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/json_refund.c.o.d"
  "/work/wt/sandbox-dialect/src/api/json_util.c" "CMakeFiles/desk_api.dir/src/api/json_util.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/json_util.c.o.d"
  "/work/wt/sandbox-dialect/src/api/json_view.c" "CMakeFiles/desk_api.dir/src/api/json_view.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/json_view.c.o.d"
  "/work/wt/sandbox-dialect/src/api/webhook.c" "CMakeFiles/desk_api.dir/src/api/webhook.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/webhook.c.o.d"
  "/work/wt/sandbox-dialect/src/api/webhook_server.c" "CMakeFiles/desk_api.dir/src/api/webhook_server.c.o" "gcc" "CMakeFiles/desk_api.dir/src/api/webhook_server.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/wt/sandbox-dialect/build2/CMakeFiles/desk_core.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
