/*
 * sandbox_routes - the route table: method, path pattern, flags, handler.
 *
 * Patterns are paths below the /sandbox prefix (or /_admin, /_uploads at
 * the root) where a ':name' segment matches any one segment. The first
 * matching row wins, so literal paths come before parameterised ones.
 */
#ifndef SANDBOX_ROUTES_H
#define SANDBOX_ROUTES_H

#include "sandbox/sandbox_http.h"

struct sandbox;

enum sandbox_route_flag {
  SANDBOX_ROUTE_NOAUTH = 1 << 0, /* no API headers needed */
  SANDBOX_ROUTE_NOIDEM = 1 << 1, /* Idempotency-Key not applied */
  SANDBOX_ROUTE_ADMIN = 1 << 2,  /* /_admin/... (loopback only) */
  SANDBOX_ROUTE_UPLOAD = 1 << 3, /* /_uploads/... (presigned) */
};

struct sandbox_route {
  const char *method;
  const char *pattern;
  unsigned flags;
  void (*fn)(struct sandbox *sb, struct sandbox_req *rq,
             struct sandbox_resp *rs);
};

/* The table, terminated by a row with a NULL pattern. */
const struct sandbox_route *sandbox_routes_table(void);

#endif
