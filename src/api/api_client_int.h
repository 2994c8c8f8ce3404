/*
 * api_client_int - the inside of struct api_client, shared by the API
 * layer's modules (api_client.c, api_call.c, api_payments.c, ...). Never
 * included outside src/api.
 */
#ifndef DESK_API_API_CLIENT_INT_H
#define DESK_API_API_CLIENT_INT_H

#include <stdint.h>

#include "api/api_client.h"
#include "api/http.h"

struct api_client {
  char *base_url; /* without a trailing '/' */
  char *api_key;
  char *client_id;
  char *client_secret;
  struct http *http;
  int max_attempts; /* GET attempts, >= 1 */
  long retry_base_ms;
  long retry_max_ms;
  long retry_after_cap_ms;
  char *token;                /* bearer token or NULL */
  int64_t token_renew_ms;     /* monotonic ms after which to re-authenticate */
  uint64_t rng;               /* jitter state */
  const volatile int *cancel; /* non-zero: stop retrying */
  long retry_budget_ms;
  api_retry_fn retry_hook;
  void *retry_ud;
  int64_t (*token_clock_ms)(void *ud); /* NULL = api_call_now_ms */
  void *token_clock_ud;
  struct api_rejects rejects; /* list items skipped, see api_reject.h */
};

#endif
