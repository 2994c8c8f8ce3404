/*
 * sandbox_server - the HTTP front: libmicrohttpd glue and the route table.
 *
 * Serves /sandbox/... (the API, behind x-api-key + bearer token checks),
 * /_uploads/<token> (presigned multipart uploads, no API headers) and
 * /_admin/... (loopback peers only). Every response carries X-Trace-Id.
 * Injected HTTP faults, the Idempotency-Key layer and body limits are
 * applied here, around the handlers. One thread per connection, so slow
 * (fault-delayed) requests never hold up others.
 */
#ifndef SANDBOX_SERVER_H
#define SANDBOX_SERVER_H

#include <stdbool.h>
#include <stdint.h>

struct sandbox;
struct sandbox_server;

/*
 * Start listening on `listen` ("ADDR:PORT", "[::1]:PORT"; port 0 = any
 * free). Non-loopback addresses are refused unless allow_remote. Returns 0
 * and the server, or -1 with *cause (caller frees).
 */
int sandbox_server_start(struct sandbox *sb, const char *listen,
                         bool allow_remote, struct sandbox_server **out,
                         char **cause);
/* The bound port. */
unsigned sandbox_server_port(const struct sandbox_server *srv);
/* The host part to use in URLs ("127.0.0.1", "[::1]"). */
const char *sandbox_server_host(const struct sandbox_server *srv);
/* Stop accepting, finish in-flight requests, free. NULL ok. */
void sandbox_server_stop(struct sandbox_server **srvp);

#endif
