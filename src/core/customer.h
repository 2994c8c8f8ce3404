/*
 * customer - the customer value type (model (a) of the contract) shared by
 * api, cache, app and ui. Strings are heap-owned and may be NULL; they hold
 * the API's bytes unsanitised. `raw_json` is the object as sent.
 */
#ifndef DESK_CORE_CUSTOMER_H
#define DESK_CORE_CUSTOMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct customer_document {
  char *type;          /* kyc, source_of_funds, invoice, contract, other */
  char *url;
  char *content_type;
  char *status;        /* PENDING_UPLOAD, UPLOADED, APPROVED, REJECTED */
  int64_t uploaded_at; /* ms, 0 = null */
};

struct customer {
  char *id;
  char *first_name;
  char *last_name;
  char *email;
  char *document_type;
  char *document_number;
  char *country;
  char *operation_level; /* INACTIVE, BASIC, STANDARD, FULL (kept raw) */
  bool auto_created;
  bool is_documented;
  struct customer_document *documents;
  size_t documents_count;
  int64_t created_at;
  int64_t updated_at;
  char *raw_json;
};

void customer_cleanup(struct customer *c);
void customer_copy(struct customer *dst, const struct customer *src);
/* "First Last" (either part may be missing); caller frees. Unsanitised. */
char *customer_display_name(const struct customer *c);

struct customer_list {
  struct customer *items;
  size_t count;
  size_t cap;
};
struct customer *customer_list_push(struct customer_list *l);
void customer_list_cleanup(struct customer_list *l);

#endif
