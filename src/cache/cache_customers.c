/*
 * cache_customers - customers and their documents (accounts and
 * identities: cache_accounts.c, cache_identities.c; all declared in
 * cache_customers.h).
 */
#include "cache/cache_customers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache/cache_filter.h"
#include "cache/cache_int.h"
#include "cache/cache_meta.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

static bool id_ok(const char *id) {
  return id != NULL && id[0] != '\0' &&
         strlen(id) < sizeof(((struct keyset_cursor *)0)->id);
}


/* ---- customers ----------------------------------------------------------- */

#define CUSTOMER_COLS                                                          \
  "id, first_name, last_name, email, document_type, document_number,"          \
  " country, operation_level, auto_created, is_documented, created_at,"        \
  " updated_at, raw_json"
#define CUSTOMER_NCOLS 13

static const char customer_upsert_sql[] =
    "INSERT INTO customers(id, first_name, last_name, email, document_type,"
    " document_number, country, operation_level, auto_created,"
    " is_documented, created_at, updated_at, raw_json, cached_at, row_hash)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)"
    " ON CONFLICT(id) DO UPDATE SET first_name=excluded.first_name,"
    " last_name=excluded.last_name, email=excluded.email,"
    " document_type=excluded.document_type,"
    " document_number=excluded.document_number, country=excluded.country,"
    " operation_level=excluded.operation_level,"
    " auto_created=excluded.auto_created,"
    " is_documented=excluded.is_documented,"
    " created_at=excluded.created_at, updated_at=excluded.updated_at,"
    " raw_json=excluded.raw_json, cached_at=excluded.cached_at,"
    " row_hash=excluded.row_hash WHERE " CACHE_SAME_ROW("customers");

/* Every value a customer row and its documents store but cached_at. */
static int64_t customer_hash(const struct customer *cu) {
  struct cache_hash h;
  cache_hash_init(&h);
  const char *texts[] = {cu->id, cu->first_name, cu->last_name, cu->email,
                         cu->document_type, cu->document_number, cu->country,
                         cu->operation_level, cu->raw_json};
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
    cache_hash_text(&h, texts[i]);
  cache_hash_int(&h, cu->auto_created ? 1 : 0);
  cache_hash_int(&h, cu->is_documented ? 1 : 0);
  cache_hash_int(&h, cu->created_at);
  cache_hash_int(&h, cu->updated_at);
  cache_hash_int(&h, (int64_t)cu->documents_count);
  for (size_t d = 0; cu->documents && d < cu->documents_count; d++) {
    const struct customer_document *x = &cu->documents[d];
    cache_hash_text(&h, x->type);
    cache_hash_text(&h, x->url);
    cache_hash_text(&h, x->content_type);
    cache_hash_text(&h, x->status);
    cache_hash_int(&h, x->uploaded_at);
  }
  return cache_hash_value(&h);
}

static int bind_customer(sqlite3_stmt *st, const struct customer *cu,
                         int64_t now) {
  int rc = cache_sql_bind_text(st, 1, cu->id);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 2, cu->first_name);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 3, cu->last_name);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 4, cu->email);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 5, cu->document_type);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 6, cu->document_number);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 7, cu->country);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 8, cu->operation_level);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int(st, 9, cu->auto_created ? 1 : 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int(st, 10, cu->is_documented ? 1 : 0);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, 11, cu->created_at);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, 12, cu->updated_at);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 13, cu->raw_json);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, 14, now);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, 15, customer_hash(cu));
  return rc;
}

static int bind_document(sqlite3_stmt *st, const char *customer_id, size_t idx,
                         const struct customer_document *d) {
  int rc = cache_sql_bind_text(st, 1, customer_id);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, 2, (int64_t)idx);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 3, d->type);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 4, d->url);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 5, d->content_type);
  if (rc == SQLITE_OK)
    rc = cache_sql_bind_text(st, 6, d->status);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, 7, d->uploaded_at);
  return rc;
}

/* Upsert inside the caller's transaction (cache_int.h). */
enum cache_err cache_customers_upsert_in_tx(struct cache *c,
                                            const struct customer *items,
                                            size_t n) {
  if (n == 0)
    return CACHE_OK;
  sqlite3_stmt *up = NULL, *del = NULL, *doc = NULL;
  enum cache_err err = cache_sql_prepare(c, customer_upsert_sql, &up);
  if (!err)
    err = cache_sql_prepare(
        c, "DELETE FROM customer_documents WHERE customer_id=?1", &del);
  if (!err)
    err = cache_sql_prepare(
        c,
        "INSERT INTO customer_documents(customer_id, idx, type, url,"
        " content_type, status, uploaded_at) VALUES(?1,?2,?3,?4,?5,?6,?7)",
        &doc);
  int64_t now = cache_sql_now_ms();
  for (size_t i = 0; !err && i < n; i++) {
    const struct customer *cu = &items[i];
    if (!id_ok(cu->id) || (cu->documents_count > 0 && !cu->documents)) {
      err = CACHE_ERR_INVALID;
      break;
    }
    int rc = bind_customer(up, cu, now);
    if (rc == SQLITE_OK)
      rc = cache_sql_step_done(up);
    if (rc == SQLITE_OK && sqlite3_changes(c->db) == 0)
      continue; /* unchanged: its documents are too */
    if (rc == SQLITE_OK)
      rc = cache_sql_bind_text(del, 1, cu->id);
    if (rc == SQLITE_OK)
      rc = cache_sql_step_done(del);
    for (size_t d = 0; rc == SQLITE_OK && d < cu->documents_count; d++) {
      rc = bind_document(doc, cu->id, d, &cu->documents[d]);
      if (rc == SQLITE_OK)
        rc = cache_sql_step_done(doc);
    }
    if (rc != SQLITE_OK)
      err = cache_err_from_rc(rc);
  }
  sqlite3_finalize(up);
  sqlite3_finalize(del);
  sqlite3_finalize(doc);
  return err;
}

enum cache_err cache_customers_upsert_with_meta(struct cache *c,
                                                const struct customer *items,
                                                size_t n,
                                                const struct cache_meta_kv *kv,
                                                size_t nkv) {
  if (c == NULL || (n > 0 && items == NULL) || (nkv > 0 && kv == NULL))
    return CACHE_ERR_INVALID;
  enum cache_err err = cache_sql_begin(c);
  if (err)
    return err;
  err = cache_customers_upsert_in_tx(c, items, n);
  for (size_t i = 0; err == CACHE_OK && i < nkv; i++)
    err = cache_meta_put(c, kv[i].key, kv[i].value);
  if (err) {
    cache_sql_rollback(c);
    return err;
  }
  return cache_sql_commit(c);
}

enum cache_err cache_customers_upsert(struct cache *c,
                                      const struct customer *items, size_t n) {
  return cache_customers_upsert_with_meta(c, items, n, NULL, 0);
}

static void read_customer(sqlite3_stmt *st, struct customer *cu) {
  memset(cu, 0, sizeof *cu);
  cu->id = cache_sql_column_strdup(st, 0);
  cu->first_name = cache_sql_column_strdup(st, 1);
  cu->last_name = cache_sql_column_strdup(st, 2);
  cu->email = cache_sql_column_strdup(st, 3);
  cu->document_type = cache_sql_column_strdup(st, 4);
  cu->document_number = cache_sql_column_strdup(st, 5);
  cu->country = cache_sql_column_strdup(st, 6);
  cu->operation_level = cache_sql_column_strdup(st, 7);
  cu->auto_created = sqlite3_column_int(st, 8) != 0;
  cu->is_documented = sqlite3_column_int(st, 9) != 0;
  cu->created_at = sqlite3_column_int64(st, 10);
  cu->updated_at = sqlite3_column_int64(st, 11);
  cu->raw_json = cache_sql_column_strdup(st, 12);
}

/* Fill cu->documents from the documents table. */
static enum cache_err load_documents(struct cache *c, struct customer *cu) {
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(
      c,
      "SELECT type, url, content_type, status, uploaded_at"
      " FROM customer_documents WHERE customer_id=?1 ORDER BY idx",
      &st);
  if (err)
    return err;
  int rc = cache_sql_bind_text(st, 1, cu->id);
  size_t cap = 0;
  while (rc == SQLITE_OK || rc == SQLITE_ROW) {
    rc = sqlite3_step(st);
    if (rc != SQLITE_ROW)
      break;
    if (cu->documents_count == cap) {
      cap = cap ? cap * 2 : 4;
      cu->documents = xreallocarray(cu->documents, cap, sizeof *cu->documents);
    }
    struct customer_document *d = &cu->documents[cu->documents_count++];
    memset(d, 0, sizeof *d);
    d->type = cache_sql_column_strdup(st, 0);
    d->url = cache_sql_column_strdup(st, 1);
    d->content_type = cache_sql_column_strdup(st, 2);
    d->status = cache_sql_column_strdup(st, 3);
    d->uploaded_at = sqlite3_column_int64(st, 4);
  }
  if (rc != SQLITE_DONE)
    err = cache_err_from_rc(rc);
  sqlite3_finalize(st);
  return err;
}

enum cache_err cache_customer_get(struct cache *c, const char *id,
                                  struct customer *out) {
  memset(out, 0, sizeof *out);
  if (c == NULL || id == NULL)
    return CACHE_ERR_INVALID;
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(
      c, "SELECT " CUSTOMER_COLS " FROM customers WHERE id=?1", &st);
  if (err)
    goto out;
  int rc = sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    read_customer(st, out);
  else if (rc == SQLITE_DONE)
    err = CACHE_ERR_NOT_FOUND;
  else
    err = cache_err_from_rc(rc);
  sqlite3_finalize(st);
  st = NULL;
  if (!err) {
    err = load_documents(c, out);
    if (err)
      customer_cleanup(out);
  }
out:
  sqlite3_finalize(st);
  return err;
}

/* WHERE fragment for a customer text search; *lowered gets the bound
 * needle (caller frees), *fts the FTS phrase or NULL. */
static void customer_text_sql(const char *text, struct strbuf *where,
                              char **lowered, char **fts) {
  *lowered = NULL;
  *fts = NULL;
  if (text == NULL || text[0] == '\0')
    return;
  *lowered = xstrdup(text);
  for (char *p = *lowered; *p; p++)
    if (*p >= 'A' && *p <= 'Z')
      *p = (char)(*p - 'A' + 'a');
  /* A phrase with a space may span first and last name, which no single
   * FTS column holds: then only the exact test runs. */
  if (cache_filter_fts_usable(text) && strchr(text, ' ') == NULL) {
    *fts = cache_filter_fts_phrase(text);
    strbuf_puts(where, " AND rowid IN (SELECT rowid FROM customers_fts"
                       " WHERE customers_fts MATCH ?)");
  }
  strbuf_puts(where,
              " AND (instr(CAST(lower(id) AS BLOB), ?1) > 0"
              " OR instr(CAST(lower(first_name) AS BLOB), ?1) > 0"
              " OR instr(CAST(lower(last_name) AS BLOB), ?1) > 0"
              " OR instr(CAST(lower(coalesce(first_name, '') || ' ' ||"
              " coalesce(last_name, '')) AS BLOB), ?1) > 0"
              " OR instr(CAST(lower(email) AS BLOB), ?1) > 0"
              " OR instr(CAST(lower(document_number) AS BLOB), ?1) > 0)");
}

/* ?1 is the lowered needle (BLOB); further anonymous parameters follow. */
static int bind_customer_text(sqlite3_stmt *st, const char *lowered,
                              const char *fts, int *idx) {
  int rc = SQLITE_OK;
  *idx = 2;
  if (lowered == NULL) {
    *idx = 1;
    return rc;
  }
  rc = sqlite3_bind_blob(st, 1, lowered, (int)strlen(lowered), SQLITE_STATIC);
  if (rc == SQLITE_OK && fts)
    rc = sqlite3_bind_text(st, (*idx)++, fts, -1, SQLITE_STATIC);
  return rc;
}

/* Steps a prepared customers query: up to `limit` rows into out, with
 * their documents, and the cursor of the row after them into next; rows
 * read backward (nearest first) are put back in list order. On an error
 * nothing is appended. */
static enum cache_err read_page(struct cache *c, sqlite3_stmt *st, size_t limit,
                                bool backward, struct customer_list *out,
                                struct keyset_cursor *next) {
  enum cache_err err = CACHE_OK;
  size_t got = 0, start = out->count;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (got == limit) {
      if (next)
        cache_customer_cursor(&out->items[out->count - 1], next);
      break;
    }
    read_customer(st, customer_list_push(out));
    got++;
  }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    err = cache_err_from_rc(rc);
  sqlite3_reset(st); /* end the read before the documents' queries */
  for (size_t i = start; !err && i < out->count; i++)
    err = load_documents(c, &out->items[i]);
  if (err) {
    while (out->count > start)
      customer_cleanup(&out->items[--out->count]);
    if (next)
      memset(next, 0, sizeof *next);
  } else if (backward) {
    for (size_t i = start, j = out->count; i + 1 < j; i++, j--) {
      struct customer t = out->items[i];
      out->items[i] = out->items[j - 1];
      out->items[j - 1] = t;
    }
  }
  return err;
}

bool cache_customer_cursor(const struct customer *cu,
                           struct keyset_cursor *out) {
  memset(out, 0, sizeof *out);
  if (cu == NULL || !id_ok(cu->id))
    return false;
  out->valid = true;
  out->key = cu->created_at;
  snprintf(out->id, sizeof out->id, "%s", cu->id);
  return true;
}

/* The customers query: matching text, newest first, after `from` (rows
 * before it, nearest first, when backward; `from` itself when inclusive).
 * Served by customers_by_created (created_at, id) in either direction. */
static enum cache_err customers_dir(struct cache *c, const char *text,
                                    const struct keyset_cursor *from,
                                    bool backward, bool inclusive, size_t limit,
                                    struct customer_list *out,
                                    struct keyset_cursor *next) {
  /* `from` and `next` may be the same cursor. */
  struct keyset_cursor from_copy;
  if (from) {
    from_copy = *from;
    from = &from_copy;
  }
  if (next)
    memset(next, 0, sizeof *next);
  if (c == NULL || out == NULL)
    return CACHE_ERR_INVALID;
  if (limit == 0)
    return CACHE_OK;
  if (limit > INT32_MAX - 1)
    limit = INT32_MAX - 1;
  char *lowered = NULL, *fts = NULL;
  struct strbuf where, sql;
  strbuf_init(&where, 0);
  strbuf_init(&sql, 0);
  customer_text_sql(text, &where, &lowered, &fts);
  bool keyset = from != NULL && from->valid;
  const char *dir = backward ? "ASC" : "DESC";
  /* ?1 must exist even without a text term: bind it to NULL then. */
  strbuf_printf(&sql,
                "SELECT " CUSTOMER_COLS " FROM customers WHERE"
                " (?1 IS NULL OR 1)%s",
                strbuf_str(&where));
  if (keyset)
    strbuf_printf(&sql, " AND (created_at, id) %s%s (?, ?)",
                  backward ? ">" : "<", inclusive ? "=" : "");
  strbuf_printf(&sql, " ORDER BY created_at %s, id %s LIMIT ?", dir, dir);
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(c, strbuf_str(&sql), &st);
  if (err)
    goto out;
  int idx;
  int rc = bind_customer_text(st, lowered, fts, &idx);
  if (idx == 1)
    idx = 2; /* ?1 stays NULL */
  if (rc == SQLITE_OK && keyset) {
    rc = sqlite3_bind_int64(st, idx++, from->key);
    if (rc == SQLITE_OK)
      rc = sqlite3_bind_text(st, idx++, from->id, -1, SQLITE_STATIC);
  }
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, idx++, (int64_t)limit + 1);
  if (rc != SQLITE_OK) {
    err = cache_err_from_rc(rc);
    goto out;
  }
  err = read_page(c, st, limit, backward, out, next);
out:
  sqlite3_finalize(st);
  strbuf_cleanup(&where);
  strbuf_cleanup(&sql);
  free(lowered);
  free(fts);
  return err;
}

enum cache_err cache_customers_list(struct cache *c, const char *text,
                                    const struct keyset_cursor *after,
                                    size_t limit, struct customer_list *out,
                                    struct keyset_cursor *next) {
  return customers_dir(c, text, after, false, false, limit, out, next);
}

enum cache_err cache_customers_window(struct cache *c, const char *text,
                                      const struct keyset_cursor *from,
                                      bool backward, bool inclusive,
                                      size_t limit, struct customer_list *out) {
  return customers_dir(c, text, from, backward, inclusive, limit, out, NULL);
}

enum cache_err cache_customers_nth(struct cache *c, const char *text, int64_t n,
                                   struct keyset_cursor *out) {
  memset(out, 0, sizeof *out);
  if (c == NULL || n < 0)
    return CACHE_ERR_INVALID;
  char *lowered = NULL, *fts = NULL;
  struct strbuf where, sql;
  strbuf_init(&where, 0);
  strbuf_init(&sql, 0);
  customer_text_sql(text, &where, &lowered, &fts);
  /* only the key and the id: customers_by_created covers them */
  strbuf_printf(&sql,
                "SELECT created_at, id FROM customers WHERE (?1 IS NULL OR 1)%s"
                " ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?",
                strbuf_str(&where));
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(c, strbuf_str(&sql), &st);
  if (err)
    goto out;
  int idx;
  int rc = bind_customer_text(st, lowered, fts, &idx);
  if (idx == 1)
    idx = 2;
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_int64(st, idx++, n);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    const unsigned char *id = sqlite3_column_text(st, 1);
    out->valid = true;
    out->key = sqlite3_column_int64(st, 0);
    snprintf(out->id, sizeof out->id, "%s", id ? (const char *)id : "");
  } else if (rc == SQLITE_DONE) {
    err = CACHE_ERR_NOT_FOUND;
  } else {
    err = cache_err_from_rc(rc);
  }
out:
  sqlite3_finalize(st);
  strbuf_cleanup(&where);
  strbuf_cleanup(&sql);
  free(lowered);
  free(fts);
  return err;
}

enum cache_err cache_customers_count(struct cache *c, const char *text,
                                     int64_t *count) {
  *count = 0;
  if (c == NULL)
    return CACHE_ERR_INVALID;
  char *lowered = NULL, *fts = NULL;
  struct strbuf where, sql;
  strbuf_init(&where, 0);
  strbuf_init(&sql, 0);
  customer_text_sql(text, &where, &lowered, &fts);
  strbuf_printf(&sql,
                "SELECT count(*) FROM customers WHERE (?1 IS NULL OR 1)%s",
                strbuf_str(&where));
  sqlite3_stmt *st = NULL;
  enum cache_err err = cache_sql_prepare(c, strbuf_str(&sql), &st);
  if (err)
    goto out;
  int idx;
  int rc = bind_customer_text(st, lowered, fts, &idx);
  if (rc == SQLITE_OK)
    rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    *count = sqlite3_column_int64(st, 0);
  else
    err = cache_err_from_rc(rc == SQLITE_DONE ? SQLITE_ERROR : rc);
out:
  sqlite3_finalize(st);
  strbuf_cleanup(&where);
  strbuf_cleanup(&sql);
  free(lowered);
  free(fts);
  return err;
}
