/*
 * sandbox_admin - loopback-only operator endpoints for tests.
 *
 *   GET  /_admin/faults        current fault settings
 *   POST /_admin/faults        replace them (JSON, see sandbox_faults.h)
 *   GET  /_admin/ledger        executed state changes (?since=SEQ&action=A
 *                              &objectId=ID&idempotencyKey=K)
 *   GET  /_admin/clock         sandbox time
 *   POST /_admin/clock         {"advanceMs":N} and/or {"scale":X}
 *   GET  /_admin/webhooks      webhook deliveries (?state=&eventType=)
 *   GET  /_admin/requests      requests routed so far, per route
 *                              (?method=GET&route=/payments/:id/customer)
 *   GET  /_admin/health        liveness
 * The server refuses them from non-loopback peers.
 */
#ifndef SANDBOX_ADMIN_H
#define SANDBOX_ADMIN_H

#include "sandbox/sandbox_http.h"

struct sandbox;

void sandbox_admin_faults_get(struct sandbox *sb, struct sandbox_req *rq,
                              struct sandbox_resp *rs);
void sandbox_admin_faults_post(struct sandbox *sb, struct sandbox_req *rq,
                               struct sandbox_resp *rs);
void sandbox_admin_ledger(struct sandbox *sb, struct sandbox_req *rq,
                          struct sandbox_resp *rs);
void sandbox_admin_clock_get(struct sandbox *sb, struct sandbox_req *rq,
                             struct sandbox_resp *rs);
void sandbox_admin_clock_post(struct sandbox *sb, struct sandbox_req *rq,
                              struct sandbox_resp *rs);
void sandbox_admin_webhooks(struct sandbox *sb, struct sandbox_req *rq,
                            struct sandbox_resp *rs);
void sandbox_admin_requests(struct sandbox *sb, struct sandbox_req *rq,
                            struct sandbox_resp *rs);
void sandbox_admin_health(struct sandbox *sb, struct sandbox_req *rq,
                          struct sandbox_resp *rs);

#endif
