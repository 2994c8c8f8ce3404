/*
 * fuzz_api - libFuzzer harness for the API decoders, one binary per
 * decoder (built with -DFUZZ_DECODER=N, see run_fuzz.sh):
 *   1 payments   json_payment_list with a rejects sink, json_payment_parse
 *   2 customers  json_customer_list
 *   3 accounts   json_account_list
 *   4 identities json_identity_list
 *   5 lists      json_list_parse (every envelope)
 *   6 refund     json_refund_result and json_refund_summary
 *   7 errors     http_parse_error_body
 *   8 webhook    webhook_event_parse
 * Invariants (abort on violation): a list that decodes accounts for every
 * item of its array (mapped + rejected == page count); every mapped
 * payment has an id the desk accepts (1..PAYMENT_ID_MAX, no controls);
 * a `next` reported as moving is past the offset; error texts are clean.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api/api_reject.h"
#include "api/http.h"
#include "api/json_account.h"
#include "api/json_customer.h"
#include "api/json_list.h"
#include "api/json_payment.h"
#include "api/json_refund.h"
#include "api/webhook.h"
#include "core/sanitize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_page(const struct api_page *pg, size_t mapped,
                       const struct api_rejects *rej) {
  if ((int64_t)(mapped + rej->count) != pg->count)
    abort();
  if (pg->has_next && pg->next_offset <= pg->offset)
    abort();
}

static void payments(const cJSON *root, const char *text, size_t len) {
  struct payment_list l = {0};
  struct api_page pg;
  struct api_rejects rej = {0};
  struct api_error err;
  if (json_payment_list(root, 50, 0, &l, &pg, &rej, &err) == API_OK) {
    check_page(&pg, l.count, &rej);
    for (size_t i = 0; i < l.count; i++)
      if (api_reject_id_problem(l.items[i].id))
        abort();
  }
  payment_list_cleanup(&l);
  api_rejects_cleanup(&rej);
  struct payment p;
  if (json_payment_parse(text, len, &p, &err) == API_OK)
    payment_cleanup(&p);
}

static void directory(const cJSON *root, int which) {
  struct api_page pg;
  struct api_rejects rej = {0};
  struct api_error err;
  if (which == 2) {
    struct customer_list l = {0};
    if (json_customer_list(root, 50, 0, &l, &pg, &rej, &err) == API_OK)
      check_page(&pg, l.count, &rej);
    customer_list_cleanup(&l);
  } else if (which == 3) {
    struct account_list l = {0};
    if (json_account_list(root, 50, 0, &l, &pg, &rej, &err) == API_OK)
      check_page(&pg, l.count, &rej);
    account_list_cleanup(&l);
  } else {
    struct identity_list l = {0};
    if (json_identity_list(root, 50, 0, &l, &pg, &rej, &err) == API_OK)
      check_page(&pg, l.count, &rej);
    identity_list_cleanup(&l);
  }
  api_rejects_cleanup(&rej);
}

static void others(const cJSON *root, const char *text, size_t len) {
  struct api_error err;
  memset(&err, 0, sizeof err);
#if FUZZ_DECODER == 5
  const cJSON *items;
  struct api_page pg;
  if (json_list_parse(root, 50, 0, &items, &pg, &err) == API_OK &&
      pg.has_next && pg.next_offset <= pg.offset)
    abort();
#elif FUZZ_DECODER == 6
  struct api_refund_result r;
  if (json_refund_result(root, &r, &err) == API_OK)
    api_refund_result_cleanup(&r);
  struct refund_summary s;
  (void)json_refund_summary(root, &s, &err);
#elif FUZZ_DECODER == 7
  (void)root;
  http_parse_error_body(text, len, &err);
  if (!sanitize_is_clean(err.detail) || !sanitize_is_clean(err.type))
    abort();
#elif FUZZ_DECODER == 8
  (void)root;
  struct webhook_event ev;
  if (webhook_event_parse(text, len, &ev, &err) == API_OK)
    webhook_event_cleanup(&ev);
#else
  (void)root;
  (void)text;
  (void)len;
#endif
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  memcpy(text, data, size);
  text[size] = '\0';
  cJSON *root = cJSON_ParseWithLength(text, size);
#if FUZZ_DECODER == 1
  if (root)
    payments(root, text, size);
#elif FUZZ_DECODER >= 2 && FUZZ_DECODER <= 4
  if (root)
    directory(root, FUZZ_DECODER);
#else
  if (root || FUZZ_DECODER >= 7)
    others(root, text, size);
#endif
  cJSON_Delete(root);
  free(text);
  return 0;
}
