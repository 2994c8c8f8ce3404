/*
 * customer - lifetime of the customer value type and its list.
 */
#include "core/customer.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

static void customer_document_cleanup(struct customer_document *d) {
  free(d->type);
  free(d->url);
  free(d->content_type);
  free(d->status);
  memset(d, 0, sizeof *d);
}

void customer_cleanup(struct customer *c) {
  if (c == NULL)
    return;
  free(c->id);
  free(c->first_name);
  free(c->last_name);
  free(c->email);
  free(c->document_type);
  free(c->document_number);
  free(c->country);
  free(c->operation_level);
  for (size_t i = 0; i < c->documents_count; i++)
    customer_document_cleanup(&c->documents[i]);
  free(c->documents);
  free(c->raw_json);
  memset(c, 0, sizeof *c);
}

void customer_copy(struct customer *dst, const struct customer *src) {
  *dst = *src;
  dst->id = xstrdup(src->id);
  dst->first_name = xstrdup(src->first_name);
  dst->last_name = xstrdup(src->last_name);
  dst->email = xstrdup(src->email);
  dst->document_type = xstrdup(src->document_type);
  dst->document_number = xstrdup(src->document_number);
  dst->country = xstrdup(src->country);
  dst->operation_level = xstrdup(src->operation_level);
  dst->raw_json = xstrdup(src->raw_json);
  dst->documents = NULL;
  if (src->documents_count > 0 && src->documents != NULL) {
    dst->documents =
        xreallocarray(NULL, src->documents_count, sizeof *dst->documents);
    for (size_t i = 0; i < src->documents_count; i++) {
      const struct customer_document *s = &src->documents[i];
      struct customer_document *d = &dst->documents[i];
      d->type = xstrdup(s->type);
      d->url = xstrdup(s->url);
      d->content_type = xstrdup(s->content_type);
      d->status = xstrdup(s->status);
      d->uploaded_at = s->uploaded_at;
    }
  } else {
    dst->documents_count = 0;
  }
}

char *customer_display_name(const struct customer *c) {
  const char *first = c->first_name != NULL ? c->first_name : "";
  const char *last = c->last_name != NULL ? c->last_name : "";
  if (*first == '\0')
    return xstrdup(last);
  if (*last == '\0')
    return xstrdup(first);
  return xasprintf("%s %s", first, last);
}

struct customer *customer_list_push(struct customer_list *l) {
  struct customer *c;
  if (l->count == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 16;
    l->items = xreallocarray(l->items, cap, sizeof *l->items);
    l->cap = cap;
  }
  c = &l->items[l->count++];
  memset(c, 0, sizeof *c);
  return c;
}

void customer_list_cleanup(struct customer_list *l) {
  if (l == NULL)
    return;
  for (size_t i = 0; i < l->count; i++)
    customer_cleanup(&l->items[i]);
  free(l->items);
  l->items = NULL;
  l->count = 0;
  l->cap = 0;
}
