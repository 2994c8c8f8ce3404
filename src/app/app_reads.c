/*
 * app_reads - the pane-specific reads (review queue, unassigned topups,
 * refunds) expressed as filters over the cached payments, so that the
 * cache's single, tested filter path serves every pane.
 */
#include <stdlib.h>
#include <string.h>

#include "app/app_internal.h"
#include "core/xalloc.h"

enum app_err app_review_query(struct app *a, const struct filter *f,
                              const struct cache_cursor *after, size_t limit,
                              struct payment_list *out,
                              struct cache_cursor *next,
                              struct app_error *err) {
  struct filter rf = {0};
  if (f)
    rf = *f;
  rf.status_mask = 1u << PAYMENT_STATUS_REQUIRES_REVIEW;
  return app_payments_query(a, &rf, CACHE_SORT_CREATED_ASC, after, limit, out,
                            next, err);
}

static int by_expiry(const void *x, const void *y) {
  const struct payment *p = x, *q = y;
  int64_t a = p->expires_at ? p->expires_at : INT64_MAX;
  int64_t b = q->expires_at ? q->expires_at : INT64_MAX;
  return (a > b) - (a < b);
}

enum app_err app_unassigned_query(struct app *a, size_t limit,
                                  struct payment_list *out,
                                  struct app_error *err) {
  struct filter f = {0};
  f.status_mask = 1u << PAYMENT_STATUS_CREATED;
  f.type_mask = 1u << PAYMENT_TYPE_TOPUP_ACCOUNT;
  struct cache_cursor cur = {0}, next = {0};
  struct payment_list all = {0};
  for (;;) {
    enum app_err rc =
        app_payments_query(a, &f, CACHE_SORT_CREATED_ASC,
                           cur.valid ? &cur : NULL, 1000, &all, &next, err);
    if (rc != APP_OK) {
      payment_list_cleanup(&all);
      return rc;
    }
    if (!next.valid)
      break;
    cur = next;
  }
  /* Unassigned = no account number yet. */
  size_t kept = 0;
  for (size_t i = 0; i < all.count; i++) {
    struct payment *p = &all.items[i];
    if (p->account_number == NULL || p->account_number[0] == '\0') {
      if (kept != i)
        all.items[kept] = *p;
      kept++;
    } else {
      payment_cleanup(p);
    }
  }
  all.count = kept;
  qsort(all.items, all.count, sizeof all.items[0], by_expiry);
  for (size_t i = 0; i < all.count; i++) {
    if (i < limit)
      *payment_list_push(out) = all.items[i];
    else
      payment_cleanup(&all.items[i]);
  }
  free(all.items);
  return APP_OK;
}

enum app_err app_refunds_query(struct app *a, const char *parent_id,
                               const struct cache_cursor *after, size_t limit,
                               struct payment_list *out,
                               struct cache_cursor *next,
                               struct app_error *err) {
  struct filter f = {0};
  f.type_mask = 1u << PAYMENT_TYPE_REFUND;
  f.parent_id = (char *)(uintptr_t)parent_id;
  return app_payments_query(a, &f, CACHE_SORT_CREATED_DESC, after, limit, out,
                            next, err);
}
