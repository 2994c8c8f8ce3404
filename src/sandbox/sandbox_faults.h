/*
 * sandbox_faults - injected faults for testing clients.
 *
 * Two kinds of settings, both changeable at run time (POST /_admin/faults)
 * and from the command line:
 *   - rates: each matching request suffers a fault with the given
 *     probability, drawn from the seeded random source (deterministic
 *     under --seed for a fixed request sequence);
 *   - one-shot rules ("once"): the next `count` requests matching a method
 *     and path prefix suffer exactly that fault, for tests that must prove
 *     one precise outcome.
 * HTTP faults (latency, 500, 503, 429, dropped connection, truncated body,
 * commit-then-drop) are decided by the server per request; provider faults
 * (FAILED on capture/authorize, UNSETTLED at reconciliation, FAILED refund)
 * are asked for by the lifecycle code at the moment they would happen.
 */
#ifndef SANDBOX_FAULTS_H
#define SANDBOX_FAULTS_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdint.h>

#include "sandbox/sandbox_rand.h"

enum sandbox_fault {
  SANDBOX_FAULT_NONE = 0,
  SANDBOX_FAULT_500,
  SANDBOX_FAULT_503,
  SANDBOX_FAULT_429,
  SANDBOX_FAULT_DROP,          /* close the connection, no response */
  SANDBOX_FAULT_TRUNCATE,      /* half the body, then close */
  SANDBOX_FAULT_COMMIT_DROP,   /* execute, commit, then close */
  SANDBOX_FAULT_PROVIDER_FAIL, /* payment -> FAILED */
  SANDBOX_FAULT_UNSETTLED,     /* RECEIVED -> UNSETTLED */
  SANDBOX_FAULT_REFUND_FAIL,   /* refund child -> FAILED */
  SANDBOX_FAULT_COUNT_
};

struct sandbox_faults;

struct sandbox_faults *sandbox_faults_new(struct sandbox_rand *rand);
void sandbox_faults_free(struct sandbox_faults **fp);

/*
 * Replace the settings with the JSON object `json` (see docs/SANDBOX.md):
 * latencyMs, latencyJitterMs, error500Rate, error503Rate, rate429,
 * retryAfterSeconds, dropRate, truncateRate, commitThenDropRate,
 * providerFailureRate, unsettledRate, refundFailureRate,
 * match{method,pathPrefix}, once[{fault,method,pathPrefix,count}].
 * Returns 0, or -1 with *cause (caller frees) leaving settings unchanged.
 */
int sandbox_faults_configure(struct sandbox_faults *f, const char *json,
                             char **cause);
/* Current settings as a new JSON tree (caller deletes). */
cJSON *sandbox_faults_to_json(struct sandbox_faults *f);

/*
 * Decide the HTTP fault for one request. *latency_ms receives the delay to
 * apply first (0 for none), *retry_after_s the Retry-After value for 429.
 * Returns SANDBOX_FAULT_NONE or one of the HTTP faults.
 */
enum sandbox_fault sandbox_faults_http(struct sandbox_faults *f,
                                       const char *method, const char *path,
                                       int64_t *latency_ms, int *retry_after_s);
/* Whether a provider fault (PROVIDER_FAIL, UNSETTLED, REFUND_FAIL) hits
 * now. `path` may be NULL for background work (one-shot rules without a
 * path prefix match it). */
bool sandbox_faults_provider(struct sandbox_faults *f, enum sandbox_fault kind,
                             const char *path);
/* Stable name ("commitThenDrop") of a fault. */
const char *sandbox_faults_name(enum sandbox_fault kind);

#endif
