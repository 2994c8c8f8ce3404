/*
 * api_reject - rejected list items. See api_reject.h.
 */
#include "api/api_reject.h"

#include "api/api_client_int.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api/json_util.h"
#include "core/payment.h"
#include "core/xalloc.h"

void api_rejects_cleanup(struct api_rejects *r) {
  if (r == NULL)
    return;
  for (size_t i = 0; i < r->count; i++) {
    free(r->items[i].id);
    free(r->items[i].reason);
    free(r->items[i].raw);
  }
  free(r->items);
  memset(r, 0, sizeof(*r));
}

static struct api_reject *push(struct api_rejects *r) {
  if (r->count == r->cap) {
    r->cap = r->cap ? r->cap * 2 : 16;
    r->items = xrealloc(r->items, r->cap * sizeof(*r->items));
  }
  struct api_reject *it = &r->items[r->count++];
  memset(it, 0, sizeof(*it));
  return it;
}

void api_reject_add(struct api_rejects *rej, const char *kind,
                    const cJSON *item, const char *why) {
  if (rej == NULL)
    return;
  if (rej->count >= API_REJECTS_MAX) {
    rej->dropped++;
    return;
  }
  struct api_reject *r = push(rej);
  r->kind = kind;
  if (cJSON_IsObject(item)) {
    const char *id = json_util_str(item, "id");
    if (id == NULL)
      id = json_util_str(item, "paymentId");
    r->id = xstrdup(id);
  }
  r->reason = xstrdup(why && why[0] ? why : "cannot be read");
  r->raw = json_util_print(item);
  if (strlen(r->raw) > API_REJECT_RAW_MAX)
    r->raw[API_REJECT_RAW_MAX] = '\0';
}

const char *api_reject_id_problem(const char *id) {
  size_t n;
  if (id == NULL || id[0] == '\0')
    return "no string id";
  n = strlen(id);
  if (n > PAYMENT_ID_MAX)
    return "id longer than 128 characters";
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)id[i];
    if (ch < 0x20 || ch == 0x7f ||
        (ch == 0xc2 && i + 1 < n && (unsigned char)id[i + 1] >= 0x80 &&
         (unsigned char)id[i + 1] <= 0x9f))
      return "id contains control characters";
  }
  return NULL;
}

void api_client_take_rejects(struct api_client *c, struct api_rejects *out) {
  struct api_rejects *in = &c->rejects;
  for (size_t i = 0; i < in->count; i++)
    *push(out) = in->items[i];
  out->dropped += in->dropped;
  free(in->items);
  memset(in, 0, sizeof(*in));
}
