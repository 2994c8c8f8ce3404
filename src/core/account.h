/*
 * account - accounts and identities, value types shared by every layer.
 */
#ifndef DESK_CORE_ACCOUNT_H
#define DESK_CORE_ACCOUNT_H

#include <stddef.h>
#include <stdint.h>

#include "core/money.h"

struct account {
  char *id;
  char *account_number;
  char *identity_id;
  char *currency;
  char *type;
  char *name;           /* accountHolder or alias, for pickers */
  char *status;
  struct money balance; /* minor 0 and currency "" when not sent */
  int64_t created_at;
  char *raw_json;
};

struct identity {
  char *id;
  char *name;
  char *type;           /* USER, ORGANIZATION, ... */
  char *document_number;
  char *raw_json;
};

void account_cleanup(struct account *a);
void identity_cleanup(struct identity *i);

struct account_list {
  struct account *items;
  size_t count;
  size_t cap;
};
struct account *account_list_push(struct account_list *l);
void account_list_cleanup(struct account_list *l);

struct identity_list {
  struct identity *items;
  size_t count;
  size_t cap;
};
struct identity *identity_list_push(struct identity_list *l);
void identity_list_cleanup(struct identity_list *l);

#endif
