/*
 * filter - the one filter syntax shared by the TUI's `/` prompt and the CLI.
 *
 *   status:SETTLED,FAILED   type:REFUND   currency:USD   customer:<id>
 *   amount>100  amount>=100  amount<2000.50  amount<=5  amount=10
 *   created>2025-01-01  created<2025-02-01  (also >= <=; UTC days or full
 *   ISO 8601 timestamps)   docs:PENDING_UPLOAD   parent:<id>   account:<n>
 *   anything else is free text, matched against ids, external ids,
 *   descriptions, customer names, emails and document numbers.
 * Keys are case-insensitive; values of status/type/currency are upper-cased.
 * Amounts compare in major units across currencies, exactly: they are held
 * as micro-units (1e-6 of a major unit), see money_to_micro().
 */
#ifndef DESK_CORE_FILTER_H
#define DESK_CORE_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/payment.h"

struct filter {
  uint32_t status_mask;   /* bit (1u << enum payment_status); 0 = any */
  uint32_t type_mask;     /* bit (1u << enum payment_type); 0 = any */
  char currency[8];       /* "" = any */
  bool has_amount_min, has_amount_max;
  int64_t amount_min_micro; /* inclusive */
  int64_t amount_max_micro; /* inclusive */
  int64_t created_min_ms;   /* inclusive; 0 = none */
  int64_t created_max_ms;   /* exclusive; 0 = none */
  char *customer_id;        /* NULL = any; heap-owned */
  char *parent_id;
  char *account_number;
  char *documentation_status;
  char *text;               /* free text words joined by one space, or NULL */
};

/*
 * Parse `s` (NULL or "" = match everything). On error returns
 * CORE_ERR_INVALID and writes a one-line reason naming the bad term into
 * errbuf; *out is then empty. Caller cleans up *out with filter_cleanup().
 */
enum core_err filter_parse(const char *s, struct filter *out, char *errbuf,
                           size_t errlen);
void filter_cleanup(struct filter *f);
bool filter_is_empty(const struct filter *f);
/* True when p passes every term (free text: case-insensitive substring of
 * id, external id, description, customer name/email/document). Used where
 * no SQL is involved (webhook apply, tests) and as the reference semantics
 * the cache's SQL must agree with. */
bool filter_match(const struct filter *f, const struct payment *p);

#endif
