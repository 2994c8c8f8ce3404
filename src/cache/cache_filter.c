/*
 * cache_filter - struct filter -> WHERE fragment with bound values.
 *
 * Mirrors filter_match() term by term:
 *   status/type masks   -> col IN (canonical names)
 *   currency            -> currency = ?            (exact)
 *   amount min/max      -> amount_micro >= ? / <= ? (NULL micro never
 *                          matches, like a failed money_to_micro)
 *   created min/max     -> created_at >= ? / < ?
 *   customer/parent/account -> exact equality
 *   docs                -> ASCII case-insensitive equality (COLLATE NOCASE)
 *   free text           -> the phrase, ASCII-lowercased, is a byte substring
 *                          of lower(col) for one of the six text columns.
 *                          SQLite's lower() folds ASCII only, and instr() on
 *                          BLOBs compares bytes, exactly like contains_ci().
 */
#include "cache/cache_filter.h"

#include <stdlib.h>
#include <string.h>

#include "core/payment_status.h"
#include "core/xalloc.h"

static struct cache_bind *push_bind(struct cache_filter_sql *q) {
  if (q->nbinds == q->cap) {
    q->cap = q->cap ? q->cap * 2 : 8;
    q->binds = xreallocarray(q->binds, q->cap, sizeof *q->binds);
  }
  struct cache_bind *b = &q->binds[q->nbinds++];
  memset(b, 0, sizeof *b);
  return b;
}

static void bind_int(struct cache_filter_sql *q, int64_t v) {
  struct cache_bind *b = push_bind(q);
  b->kind = CACHE_BIND_INT;
  b->i = v;
}

static void bind_text(struct cache_filter_sql *q, const char *s) {
  struct cache_bind *b = push_bind(q);
  b->kind = CACHE_BIND_TEXT;
  b->s = xstrdup(s);
  b->len = strlen(s);
}

static void bind_blob_lower(struct cache_filter_sql *q, const char *s) {
  struct cache_bind *b = push_bind(q);
  b->kind = CACHE_BIND_BLOB;
  b->len = strlen(s);
  b->s = xstrdup(s);
  for (char *p = b->s; *p; p++)
    if (*p >= 'A' && *p <= 'Z')
      *p = (char)(*p - 'A' + 'a');
}

static void term(struct cache_filter_sql *q, const char *alias, const char *col,
                 const char *op) {
  strbuf_printf(&q->where, " AND %s%s%s", alias, col, op);
}

static void mask_term(struct cache_filter_sql *q, const char *alias,
                      const char *col, uint32_t mask, int count,
                      const char *(*name)(int)) {
  strbuf_printf(&q->where, " AND %s%s IN (", alias, col);
  bool first = true;
  for (int i = 0; i < count && i < 32; i++) {
    if (!(mask & (1u << i)))
      continue;
    strbuf_puts(&q->where, first ? "?" : ",?");
    bind_text(q, name(i));
    first = false;
  }
  if (first) /* bits only beyond the known values: nothing can match */
    strbuf_puts(&q->where, "NULL");
  strbuf_puts(&q->where, ")");
}

static const char *status_name_i(int i) {
  return payment_status_name((enum payment_status)i);
}

static const char *type_name_i(int i) {
  return payment_type_name((enum payment_type)i);
}

/* Length in characters of valid UTF-8, or -1 when s is not valid UTF-8
 * (overlong forms, surrogates and values past U+10FFFF are invalid). */
static long utf8_chars(const char *s) {
  const unsigned char *p = (const unsigned char *)s;
  long n = 0;
  while (*p) {
    unsigned char c = *p;
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      len = 1;
      cp = c;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07u;
    } else {
      return -1;
    }
    for (size_t i = 1; i < len; i++) {
      if ((p[i] & 0xC0) != 0x80)
        return -1;
      cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return -1;
    p += len;
    n++;
  }
  return n;
}

bool cache_filter_fts_usable(const char *text) {
  return text != NULL && utf8_chars(text) >= 3;
}

size_t cache_filter_fts_terms(const char *text, char ***terms) {
  /* every 3-character window of the text, each a one-token string (quotes
   * doubled), so it works without positions; repeats are left out */
  const unsigned char *p = (const unsigned char *)text;
  size_t starts[4], nst = 0, n = 0, cap = 0; /* byte offsets of the last
                                                characters */
  *terms = NULL;
  for (size_t i = 0;; i++) {
    if (p[i] != '\0' && (p[i] & 0xC0) == 0x80)
      continue; /* continuation byte */
    if (nst == 4) {
      memmove(starts, starts + 1, 3 * sizeof starts[0]);
      nst = 3;
    }
    starts[nst++] = i;
    if (nst == 4) {
      struct strbuf sb;
      strbuf_init(&sb, 16);
      strbuf_puts(&sb, "\"");
      for (size_t k = starts[0]; k < starts[3]; k++) {
        if (p[k] == '"')
          strbuf_puts(&sb, "\"\"");
        else
          strbuf_append(&sb, &p[k], 1);
      }
      strbuf_puts(&sb, "\"");
      bool seen = false;
      for (size_t k = 0; k < n && !seen; k++)
        seen = strcmp((*terms)[k], strbuf_str(&sb)) == 0;
      if (seen) {
        strbuf_cleanup(&sb);
      } else {
        if (n == cap) {
          cap = cap ? cap * 2 : 8;
          *terms = xreallocarray(*terms, cap, sizeof **terms);
        }
        (*terms)[n++] = strbuf_detach(&sb);
      }
    }
    if (p[i] == '\0')
      break;
  }
  return n;
}

void cache_filter_fts_terms_free(char **terms, size_t n) {
  for (size_t i = 0; i < n; i++)
    free(terms[i]);
  free(terms);
}

char *cache_filter_fts_join(char *const *terms, size_t n) {
  struct strbuf sb;
  strbuf_init(&sb, 0);
  for (size_t i = 0; i < n; i++)
    strbuf_printf(&sb, "%s%s", i ? " AND " : "", terms[i]);
  return strbuf_detach(&sb);
}

char *cache_filter_fts_phrase(const char *text) {
  char **terms = NULL;
  size_t n = cache_filter_fts_terms(text, &terms);
  char *q = cache_filter_fts_join(terms, n);
  cache_filter_fts_terms_free(terms, n);
  return q;
}

/* The free-text term: the trigram index narrows (DRIVE: with `phrase`,
 * or every trigram when NULL), an exact case-folded test over the
 * searchable columns decides. */
static void text_term(struct cache_filter_sql *out, const char *alias,
                      enum cache_fts_mode mode, const char *phrase,
                      const char *text) {
  /* Trigram matching folds case beyond ASCII, so it accepts a superset of
   * contains_ci() as long as the phrase is valid UTF-8 of at least three
   * characters; otherwise it is skipped. With many matches (CHECK) it is
   * left out too: the sort's index drives and the exact test finds a
   * window's rows within a few thousand, where the IN list of every
   * trigram match would first have to be built whole. */
  if (mode == CACHE_FTS_DRIVE && cache_filter_fts_usable(text)) {
    /* Rows after the index's mark are not in it yet (schema v9): the
     * exact test alone decides for them. They join the index's rows in
     * the one IN list (UNION ALL, a range of rowids): with an OR of the
     * two, the planner walks the sort's index over every row instead. */
    strbuf_printf(&out->where,
                  " AND %srowid IN (SELECT rowid FROM payments_fts"
                  " WHERE payments_fts MATCH ? UNION ALL SELECT rowid FROM"
                  " payments WHERE rowid > (SELECT upto FROM"
                  " payments_fts_mark))",
                  alias);
    char *q = phrase ? NULL : cache_filter_fts_phrase(text);
    bind_text(out, phrase ? phrase : q);
    free(q);
  }
  static const char *const cols[] = {"id",
                                     "external_id",
                                     "description",
                                     "customer_name",
                                     "customer_email",
                                     "customer_document"};
  strbuf_puts(&out->where, " AND (");
  for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
    strbuf_printf(&out->where, "%sinstr(CAST(lower(%s%s) AS BLOB), ?) > 0",
                  i ? " OR " : "", alias, cols[i]);
    bind_blob_lower(out, text);
  }
  strbuf_puts(&out->where, ")");
}

void cache_filter_sql_build(const struct filter *f, const char *alias,
                            enum cache_fts_mode mode,
                            struct cache_filter_sql *out) {
  cache_filter_sql_build_fts(f, alias, mode, NULL, out);
}

void cache_filter_sql_build_fts(const struct filter *f, const char *alias,
                                enum cache_fts_mode mode, const char *phrase,
                                struct cache_filter_sql *out) {
  memset(out, 0, sizeof *out);
  strbuf_init(&out->where, 0);
  strbuf_puts(&out->where, "1");
  if (alias == NULL)
    alias = "";
  if (f == NULL)
    return;
  if (f->status_mask != 0)
    mask_term(out, alias, "status", f->status_mask, PAYMENT_STATUS_COUNT_,
              status_name_i);
  if (f->type_mask != 0)
    mask_term(out, alias, "type", f->type_mask, PAYMENT_TYPE_COUNT_,
              type_name_i);
  if (f->currency[0] != '\0') {
    term(out, alias, "currency", " = ?");
    bind_text(out, f->currency);
  }
  if (f->has_amount_min) {
    term(out, alias, "amount_micro", " >= ?");
    bind_int(out, f->amount_min_micro);
  }
  if (f->has_amount_max) {
    term(out, alias, "amount_micro", " <= ?");
    bind_int(out, f->amount_max_micro);
  }
  if (f->created_min_ms != 0) {
    term(out, alias, "created_at", " >= ?");
    bind_int(out, f->created_min_ms);
  }
  if (f->created_max_ms != 0) {
    term(out, alias, "created_at", " < ?");
    bind_int(out, f->created_max_ms);
  }
  if (f->customer_id != NULL) {
    term(out, alias, "customer_id", " = ?");
    bind_text(out, f->customer_id);
  }
  if (f->parent_id != NULL) {
    term(out, alias, "parent_payment_id", " = ?");
    bind_text(out, f->parent_id);
  }
  if (f->account_number != NULL) {
    term(out, alias, "account_number", " = ?");
    bind_text(out, f->account_number);
  }
  if (f->documentation_status != NULL) {
    term(out, alias, "documentation_status", " = ? COLLATE NOCASE");
    bind_text(out, f->documentation_status);
  }
  if (f->text != NULL && f->text[0] != '\0')
    text_term(out, alias, mode, phrase, f->text);
}

void cache_filter_sql_cleanup(struct cache_filter_sql *q) {
  for (size_t i = 0; i < q->nbinds; i++)
    free(q->binds[i].s);
  free(q->binds);
  strbuf_cleanup(&q->where);
  memset(q, 0, sizeof *q);
}
