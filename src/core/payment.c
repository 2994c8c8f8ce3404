/*
 * payment - lifetime of the payment value type and its list.
 */
#include "core/payment.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void payment_cleanup(struct payment *p) {
  if (p == NULL)
    return;
  free(p->id);
  free(p->external_id);
  free(p->identity_id);
  free(p->account_number);
  free(p->product);
  free(p->description);
  free(p->status_raw);
  free(p->type_raw);
  free(p->customer_id);
  free(p->customer_name);
  free(p->customer_email);
  free(p->customer_document);
  free(p->parent_payment_id);
  free(p->related_payment_id);
  free(p->documentation_status);
  free(p->review_reason);
  free(p->raw_json);
  memset(p, 0, sizeof *p);
}

void payment_copy(struct payment *dst, const struct payment *src) {
  /* Scalars and money by value, then replace every pointer by a copy. */
  *dst = *src;
  dst->id = xstrdup(src->id);
  dst->external_id = xstrdup(src->external_id);
  dst->identity_id = xstrdup(src->identity_id);
  dst->account_number = xstrdup(src->account_number);
  dst->product = xstrdup(src->product);
  dst->description = xstrdup(src->description);
  dst->status_raw = xstrdup(src->status_raw);
  dst->type_raw = xstrdup(src->type_raw);
  dst->customer_id = xstrdup(src->customer_id);
  dst->customer_name = xstrdup(src->customer_name);
  dst->customer_email = xstrdup(src->customer_email);
  dst->customer_document = xstrdup(src->customer_document);
  dst->parent_payment_id = xstrdup(src->parent_payment_id);
  dst->related_payment_id = xstrdup(src->related_payment_id);
  dst->documentation_status = xstrdup(src->documentation_status);
  dst->review_reason = xstrdup(src->review_reason);
  dst->raw_json = xstrdup(src->raw_json);
}

struct payment *payment_list_push(struct payment_list *l) {
  struct payment *p;
  if (l->count == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 16;
    l->items = xreallocarray(l->items, cap, sizeof *l->items);
    l->cap = cap;
  }
  p = &l->items[l->count++];
  memset(p, 0, sizeof *p);
  return p;
}

void payment_list_cleanup(struct payment_list *l) {
  if (l == NULL)
    return;
  for (size_t i = 0; i < l->count; i++)
    payment_cleanup(&l->items[i]);
  free(l->items);
  l->items = NULL;
  l->count = 0;
  l->cap = 0;
}
