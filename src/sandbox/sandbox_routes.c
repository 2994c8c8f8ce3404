/*
 * sandbox_routes - the route table; see sandbox_routes.h.
 */
#include "sandbox/sandbox_routes.h"

#include <stddef.h>

#include "sandbox/sandbox.h"
#include "sandbox/sandbox_accounts.h"
#include "sandbox/sandbox_admin.h"
#include "sandbox/sandbox_assign.h"
#include "sandbox/sandbox_auth.h"
#include "sandbox/sandbox_create.h"
#include "sandbox/sandbox_customers.h"
#include "sandbox/sandbox_lifecycle.h"
#include "sandbox/sandbox_payments.h"
#include "sandbox/sandbox_refunds.h"
#include "sandbox/sandbox_review.h"

#define NOAUTH SANDBOX_ROUTE_NOAUTH
#define NOIDEM SANDBOX_ROUTE_NOIDEM
#define ADMIN (SANDBOX_ROUTE_ADMIN | NOAUTH | NOIDEM)
#define UPLOAD (SANDBOX_ROUTE_UPLOAD | NOAUTH | NOIDEM)

static const struct sandbox_route routes[] = {
    {"POST", "/auth", NOAUTH | NOIDEM, sandbox_auth_post},

    /* Literal payment paths before /payments/:id. */
    {"GET", "/payments", 0, sandbox_payments_list},
    {"POST", "/payments", 0, sandbox_create_payment},
    {"GET", "/payments/unassigned", 0, sandbox_assign_payments},
    {"POST", "/payments/received", 0, sandbox_lifecycle_received},
    {"GET", "/payments/:id", 0, sandbox_payments_get},
    {"POST", "/payments/:id/authorized", 0, sandbox_lifecycle_authorize},
    {"POST", "/payments/:id/captured", 0, sandbox_lifecycle_capture},
    {"POST", "/payments/:id/received", 0, sandbox_lifecycle_received},
    {"POST", "/payments/:id/request-review", 0,
     sandbox_lifecycle_request_review},
    {"POST", "/payments/:id/resolve-review", 0,
     sandbox_lifecycle_resolve_review},
    {"POST", "/payments/:id/resolveReview", 0,
     sandbox_lifecycle_resolve_review},
    {"POST", "/payments/:id/refund", 0, sandbox_refunds_create},
    {"GET", "/payments/:id/refund", 0, sandbox_refunds_list},
    {"GET", "/payments/:id/refunds", 0, sandbox_refunds_list},
    {"POST", "/payments/:id/assign", 0, sandbox_assign_post},
    {"POST", "/payments/:id/documents", 0, sandbox_review_add_document},
    {"POST", "/payments/:id/documents/presign", 0, sandbox_review_presign},
    {"GET", "/payments/:id/customer", 0, sandbox_review_payment_customer},

    {"GET", "/refunds", 0, sandbox_payments_list_refunds},
    {"GET", "/refund", 0, sandbox_payments_list_refunds},

    {"GET", "/customers", 0, sandbox_customers_list},
    {"POST", "/customers", 0, sandbox_customers_create},
    {"GET", "/customers/:id", 0, sandbox_customers_get},
    {"PATCH", "/customers/:id", 0, sandbox_customers_patch},
    {"POST", "/customers/:id/documents", 0, sandbox_customers_add_document},
    {"POST", "/customers/:id/documents/presign", 0, sandbox_review_presign},
    {"POST", "/customers/:id/documents/:index/approve", 0,
     sandbox_customers_approve},
    {"POST", "/customers/:id/documents/:index/reject", 0,
     sandbox_customers_reject},

    {"GET", "/identities", 0, sandbox_accounts_identities_list},
    {"POST", "/identities", 0, sandbox_accounts_identities_create},
    {"GET", "/identities/:id", 0, sandbox_accounts_identities_get},
    {"GET", "/accounts", 0, sandbox_accounts_list},
    {"POST", "/accounts", 0, sandbox_accounts_create},
    {"GET", "/accounts/unassigned", 0, sandbox_assign_accounts},
    {"GET", "/accounts/:id", 0, sandbox_accounts_get},

    {"GET", "/documents/:kind/:id/:type/:stamp", 0, sandbox_review_download},

    {"POST", "/_uploads/:token", UPLOAD, sandbox_review_upload},

    {"GET", "/_admin/health", ADMIN, sandbox_admin_health},
    {"GET", "/_admin/faults", ADMIN, sandbox_admin_faults_get},
    {"POST", "/_admin/faults", ADMIN, sandbox_admin_faults_post},
    {"GET", "/_admin/ledger", ADMIN, sandbox_admin_ledger},
    {"GET", "/_admin/clock", ADMIN, sandbox_admin_clock_get},
    {"POST", "/_admin/clock", ADMIN, sandbox_admin_clock_post},
    {"GET", "/_admin/webhooks", ADMIN, sandbox_admin_webhooks},
    {"GET", "/_admin/requests", ADMIN, sandbox_admin_requests},
    {NULL, NULL, 0, NULL},
};

_Static_assert(sizeof routes / sizeof routes[0] <= SANDBOX_MAX_ROUTES,
               "SANDBOX_MAX_ROUTES is too small for the route table");

const struct sandbox_route *sandbox_routes_table(void) {
  return routes;
}
