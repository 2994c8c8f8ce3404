/*
 * keyset - the order of a payment list and the keyset cursor that pages
 * through it. A value type shared by every layer that lists payments: the
 * cache turns it into SQL, the app passes it through, the UI and the CLI
 * choose the order and keep the cursor without seeing the cache.
 */
#ifndef DESK_CORE_KEYSET_H
#define DESK_CORE_KEYSET_H

#include <stdbool.h>
#include <stdint.h>

#include "core/payment.h"

enum keyset_sort {
  KEYSET_CREATED_DESC = 0,
  KEYSET_CREATED_ASC,
  KEYSET_AMOUNT_DESC,
  KEYSET_AMOUNT_ASC,
  KEYSET_UPDATED_DESC,
  KEYSET_EXPIRES_ASC, /* expires_at ascending, never-expiring last */
};

/* The sort key and id of the last row of the previous page. A zeroed cursor
 * (valid == false) starts at the beginning. Callers only test `valid`; the
 * rest belongs to the lister. */
struct keyset_cursor {
  bool valid;
  int64_t key;
  char id[PAYMENT_ID_MAX + 1];
};

#endif
