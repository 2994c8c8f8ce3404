/*
 * sandbox_routes - the route table; see sandbox_routes.h.
 */
#include "sandbox/sandbox_routes.h"

#include <stddef.h>

#include "sandbox/sandbox_admin.h"
#include "sandbox/sandbox_auth.h"
#include "sandbox/sandbox_payments.h"

#define NOAUTH SANDBOX_ROUTE_NOAUTH
#define NOIDEM SANDBOX_ROUTE_NOIDEM
#define ADMIN (SANDBOX_ROUTE_ADMIN | NOAUTH | NOIDEM)
#define UPLOAD (SANDBOX_ROUTE_UPLOAD | NOAUTH | NOIDEM)

static const struct sandbox_route routes[] = {
  {"POST", "/auth", NOAUTH | NOIDEM, sandbox_auth_post},

  {"GET", "/payments", 0, sandbox_payments_list},
  {"GET", "/payments/:id", 0, sandbox_payments_get},

  {"GET", "/refunds", 0, sandbox_payments_list_refunds},
  {"GET", "/refund", 0, sandbox_payments_list_refunds},

  {"GET", "/_admin/health", ADMIN, sandbox_admin_health},
  {"GET", "/_admin/faults", ADMIN, sandbox_admin_faults_get},
  {"POST", "/_admin/faults", ADMIN, sandbox_admin_faults_post},
  {"GET", "/_admin/ledger", ADMIN, sandbox_admin_ledger},
  {"GET", "/_admin/clock", ADMIN, sandbox_admin_clock_get},
  {"POST", "/_admin/clock", ADMIN, sandbox_admin_clock_post},
  {"GET", "/_admin/webhooks", ADMIN, sandbox_admin_webhooks},
  {NULL, NULL, 0, NULL},
};

const struct sandbox_route *
sandbox_routes_table(void)
{
  return routes;
}
