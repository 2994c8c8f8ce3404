/*
 * account - lifetime of the account and identity value types and lists.
 */
#include "core/account.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void account_cleanup(struct account *a) {
  if (a == NULL)
    return;
  free(a->id);
  free(a->account_number);
  free(a->identity_id);
  free(a->currency);
  free(a->type);
  free(a->name);
  free(a->status);
  free(a->raw_json);
  memset(a, 0, sizeof *a);
}

void identity_cleanup(struct identity *i) {
  if (i == NULL)
    return;
  free(i->id);
  free(i->name);
  free(i->type);
  free(i->document_number);
  free(i->raw_json);
  memset(i, 0, sizeof *i);
}

struct account *account_list_push(struct account_list *l) {
  struct account *a;
  if (l->count == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 16;
    l->items = xreallocarray(l->items, cap, sizeof *l->items);
    l->cap = cap;
  }
  a = &l->items[l->count++];
  memset(a, 0, sizeof *a);
  return a;
}

void account_list_cleanup(struct account_list *l) {
  if (l == NULL)
    return;
  for (size_t i = 0; i < l->count; i++)
    account_cleanup(&l->items[i]);
  free(l->items);
  l->items = NULL;
  l->count = 0;
  l->cap = 0;
}

struct identity *identity_list_push(struct identity_list *l) {
  struct identity *it;
  if (l->count == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 16;
    l->items = xreallocarray(l->items, cap, sizeof *l->items);
    l->cap = cap;
  }
  it = &l->items[l->count++];
  memset(it, 0, sizeof *it);
  return it;
}

void identity_list_cleanup(struct identity_list *l) {
  if (l == NULL)
    return;
  for (size_t i = 0; i < l->count; i++)
    identity_cleanup(&l->items[i]);
  free(l->items);
  l->items = NULL;
  l->count = 0;
  l->cap = 0;
}
