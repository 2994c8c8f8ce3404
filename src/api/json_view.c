/*
 * json_view - JSON for display, through cJSON. See json_view.h.
 */
#include "api/json_view.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

struct fields {
  struct json_field *v;
  size_t n, cap;
};

/* A scalar as JSON text: strings quoted and escaped (the raw view) or
 * decoded (the detail view); numbers and literals as cJSON prints them. */
static char *scalar_text(const cJSON *item, bool quoted) {
  if (cJSON_IsString(item) && !quoted)
    return xstrdup(item->valuestring ? item->valuestring : "");
  char *s = cJSON_PrintUnformatted(item);
  if (s == NULL)
    fatal("out of memory");
  char *copy = xstrdup(s);
  cJSON_free(s);
  return copy;
}

/* See json_view.h; also a key as it would be sent. */
char *json_view_quote(const char *key) {
  cJSON *tmp = cJSON_CreateString(key);
  if (tmp == NULL)
    fatal("out of memory");
  char *s = scalar_text(tmp, true);
  cJSON_Delete(tmp);
  return s;
}

static void newline(struct strbuf *sb, int depth) {
  strbuf_puts(sb, "\n");
  for (int i = 0; i < depth; i++)
    strbuf_puts(sb, "  ");
}

static void pretty(const cJSON *item, int depth, struct strbuf *sb) {
  bool object = cJSON_IsObject(item);
  if (!object && !cJSON_IsArray(item)) {
    char *s = scalar_text(item, true);
    strbuf_puts(sb, s);
    free(s);
    return;
  }
  strbuf_puts(sb, object ? "{" : "[");
  const cJSON *child = item->child;
  for (; child != NULL; child = child->next) {
    newline(sb, depth + 1);
    if (object) {
      char *k = json_view_quote(child->string ? child->string : "");
      strbuf_puts(sb, k);
      strbuf_puts(sb, ": ");
      free(k);
    }
    pretty(child, depth + 1, sb);
    if (child->next != NULL)
      strbuf_puts(sb, ",");
  }
  if (item->child != NULL)
    newline(sb, depth);
  strbuf_puts(sb, object ? "}" : "]");
}

static size_t split_lines(const char *text, char ***lines) {
  size_t n = 0, cap = 16;
  char **out = xmalloc(cap * sizeof *out);
  const char *p = text;
  for (;;) {
    const char *nl = strchr(p, '\n');
    size_t l = nl ? (size_t)(nl - p) : strlen(p);
    if (n == cap) {
      cap *= 2;
      out = xreallocarray(out, cap, sizeof *out);
    }
    out[n++] = sanitize_bytes(p, l);
    if (nl == NULL)
      break;
    p = nl + 1;
  }
  *lines = out;
  return n;
}

size_t json_view_pretty(const char *json, char ***lines) {
  const char *text = json ? json : "";
  cJSON *root = cJSON_Parse(text);
  if (root == NULL)
    return split_lines(text, lines); /* not JSON: show it as text */
  struct strbuf sb;
  strbuf_init(&sb, 0);
  pretty(root, 0, &sb);
  cJSON_Delete(root);
  size_t n = split_lines(strbuf_str(&sb), lines);
  strbuf_cleanup(&sb);
  return n;
}

static void add_field(struct fields *f, const char *path, char *value) {
  if (f->n == f->cap) {
    f->cap = f->cap ? f->cap * 2 : 32;
    f->v = xreallocarray(f->v, f->cap, sizeof f->v[0]);
  }
  f->v[f->n].path = sanitize_text(path);
  f->v[f->n].value = sanitize_text(value);
  free(value);
  f->n++;
}

static void flatten(const cJSON *item, const char *path, struct fields *f) {
  bool object = cJSON_IsObject(item);
  if (!object && !cJSON_IsArray(item)) {
    add_field(f, path, scalar_text(item, false));
    return;
  }
  if (item->child == NULL) {
    add_field(f, path, xstrdup(object ? "{}" : "[]"));
    return;
  }
  size_t index = 0;
  for (const cJSON *c = item->child; c != NULL; c = c->next, index++) {
    char *child;
    if (object)
      child = *path ? xasprintf("%s.%s", path, c->string ? c->string : "")
                    : xstrdup(c->string ? c->string : "");
    else
      child = xasprintf("%s[%zu]", path, index);
    flatten(c, child, f);
    free(child);
  }
}

size_t json_view_flatten(const char *json, struct json_field **fields) {
  struct fields f = {0};
  cJSON *root = cJSON_Parse(json ? json : "");
  if (root != NULL) {
    flatten(root, "", &f);
    cJSON_Delete(root);
  }
  *fields = f.v;
  return f.n;
}

char *json_view_object(const char *const *keys, const char *const *values,
                       size_t n) {
  cJSON *o = cJSON_CreateObject();
  if (o == NULL)
    fatal("out of memory");
  for (size_t i = 0; i < n; i++)
    if (values[i] != NULL &&
        cJSON_AddStringToObject(o, keys[i], values[i]) == NULL)
      fatal("out of memory");
  char *s = cJSON_PrintUnformatted(o);
  cJSON_Delete(o);
  if (s == NULL)
    fatal("out of memory");
  char *copy = xstrdup(s);
  cJSON_free(s);
  return copy;
}
