/*
 * app_directory - customers, accounts and identities: reads from the cache
 * and their part of the sync (small lists, fetched whole each time, with
 * the payments' bounds and quarantine). A server that does not offer one
 * of them (404) is skipped, so the desk stays usable against API variants
 * without it; any other failure of a list is a warning, not a failed sync
 * (the payments are what the desk is for), except losing the network or
 * the credentials, which fail the sync as usual.
 */
#include <stdio.h>
#include <stdlib.h>

#include "api/api_accounts.h"
#include "api/api_customers.h"
#include "app/app_sync_int.h"
#include "cache/cache_customers.h"
#include "core/sanitize.h"
#include "core/xalloc.h"

#define DIR_PAGE 500

bool app_customer_cursor(const struct customer *cu, struct keyset_cursor *out) {
  struct keyset_cursor c;
  bool ok = cache_customer_cursor(cu, &c);
  app_cursor_from_cache(ok ? &c : NULL, out);
  return ok;
}

enum app_err app_customers_window(struct app *a, const char *text,
                                  const struct keyset_cursor *from,
                                  bool backward, bool inclusive, size_t limit,
                                  struct customer_list *out,
                                  struct app_error *err) {
  struct keyset_cursor cf;
  enum cache_err ce =
      cache_customers_window(a->cache, text, app_cursor_to_cache(from, &cf),
                             backward, inclusive, limit, out);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "reading customers");
  return APP_OK;
}

enum app_err app_customers_nth(struct app *a, const char *text, int64_t n,
                               struct keyset_cursor *out,
                               struct app_error *err) {
  struct keyset_cursor c;
  enum cache_err ce = cache_customers_nth(a->cache, text, n, &c);
  app_cursor_from_cache(ce == CACHE_OK ? &c : NULL, out);
  if (ce == CACHE_ERR_NOT_FOUND) {
    app_error_set(err, APP_ERR_NOT_FOUND, "the list has no row %lld",
                  (long long)n + 1);
    return APP_ERR_NOT_FOUND;
  }
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "seeking in the customers");
  return APP_OK;
}

enum app_err app_customer_get(struct app *a, const char *id,
                              struct customer *out, struct app_error *err) {
  enum cache_err ce = cache_customer_get(a->cache, id, out);
  if (ce == CACHE_ERR_NOT_FOUND) {
    char *clean = sanitize_text(id);
    app_error_set(err, APP_ERR_NOT_FOUND, "no customer %s in the cache",
                  clean);
    free(clean);
    return APP_ERR_NOT_FOUND;
  }
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "reading customer");
  return APP_OK;
}

enum app_err app_accounts_list(struct app *a, struct account_list *out,
                               struct app_error *err) {
  enum cache_err ce = cache_accounts_list(a->cache, NULL, out);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "reading accounts");
  return APP_OK;
}

/* One page of one directory list: fetch it (at `offset`, or at the cursor
 * `next` when not NULL), store it, and hand back the ids met for the
 * pager. Returns APP_ERR_NETWORK with *ae set when the API call failed. */
struct dir_page {
  struct api_page page;
  struct app_idset ids; /* ids of this page */
};
typedef enum app_err (*dir_page_fn)(struct sync_run *r, int64_t offset,
                                    const char *next, struct dir_page *dp,
                                    struct api_error *ae,
                                    struct app_error *err);

static enum app_err customers_page(struct sync_run *r, int64_t offset,
                                   const char *next, struct dir_page *dp,
                                   struct api_error *ae,
                                   struct app_error *err) {
  (void)next;
  struct customer_list l = {0};
  bool with_client = sync_meta_int(r->cache, "directory.customers_client_id",
                                   0) == 1;
  struct api_customer_query q = {.limit = DIR_PAGE, .offset = offset,
                                 .client_id = with_client ? r->a->client_id
                                                          : NULL};
  enum api_err ar = api_customers_list(r->api, &q, &l, &dp->page, ae);
  if (ar == API_ERR_REJECTED && ae->http_status == 400 && !with_client &&
      r->a->client_id) {
    /* the guide's GET /customers needs ?clientId= (400 without it) */
    customer_list_cleanup(&l);
    api_error_clear(ae);
    q.client_id = r->a->client_id;
    ar = api_customers_list(r->api, &q, &l, &dp->page, ae);
    if (ar == API_OK)
      (void)sync_meta_set_int(r->cache, "directory.customers_client_id", 1);
  }
  enum app_err rc = ar == API_OK ? APP_OK : APP_ERR_NETWORK;
  if (rc == APP_OK) {
    enum cache_err ce = cache_customers_upsert(r->cache, l.items, l.count);
    if (ce != CACHE_OK)
      rc = sync_cache_err(r, err, ce, "sync customers");
  }
  for (size_t i = 0; i < l.count; i++)
    app_idset_add(&dp->ids, l.items[i].id);
  customer_list_cleanup(&l);
  return rc;
}

static enum app_err accounts_page(struct sync_run *r, int64_t offset,
                                  const char *next, struct dir_page *dp,
                                  struct api_error *ae,
                                  struct app_error *err) {
  (void)next;
  struct account_list l = {0};
  struct api_account_query q = {.limit = DIR_PAGE, .offset = offset};
  enum app_err rc = APP_OK;
  if (api_accounts_list(r->api, &q, &l, &dp->page, ae) != API_OK) {
    rc = APP_ERR_NETWORK; /* the caller maps *ae */
  } else {
    enum cache_err ce = cache_accounts_upsert(r->cache, l.items, l.count);
    if (ce != CACHE_OK)
      rc = sync_cache_err(r, err, ce, "sync accounts");
  }
  for (size_t i = 0; i < l.count; i++)
    app_idset_add(&dp->ids, l.items[i].id ? l.items[i].id
                                          : l.items[i].account_number);
  account_list_cleanup(&l);
  return rc;
}

static enum app_err identities_page(struct sync_run *r, int64_t offset,
                                    const char *next, struct dir_page *dp,
                                    struct api_error *ae,
                                    struct app_error *err) {
  struct identity_list l = {0};
  struct api_identity_query q = {.limit = DIR_PAGE, .offset = offset,
                                 .next = next};
  enum app_err rc = APP_OK;
  if (api_identities_list(r->api, &q, &l, &dp->page, ae) != API_OK) {
    rc = APP_ERR_NETWORK; /* the caller maps *ae */
  } else {
    enum cache_err ce = cache_identities_upsert(r->cache, l.items, l.count);
    if (ce != CACHE_OK)
      rc = sync_cache_err(r, err, ce, "sync identities");
  }
  for (size_t i = 0; i < l.count; i++)
    app_idset_add(&dp->ids, l.items[i].id);
  identity_list_cleanup(&l);
  return rc;
}

/* The ids of a directory page as an array for app_pager_step. */
static size_t page_ids(const struct app_idset *s, const char ***out) {
  size_t n = 0;
  *out = xcalloc(s->count + 1, sizeof(char *));
  for (size_t i = 0; i < s->cap; i++)
    if (s->slots[i])
      (*out)[n++] = s->slots[i];
  return n;
}

/* Page through one list (offsets, or the server's `next` cursor), bounded
 * like the payments. A server without the list (404) is skipped; another
 * API failure ends this list with a warning. */
static enum app_err sync_list(struct sync_run *r, dir_page_fn fn,
                              const char *what, struct app_error *err) {
  struct app_pager pg;
  char cursor[sizeof(((struct api_page *)0)->next_cursor)] = "";
  enum app_err rc = APP_OK;
  app_pager_init(&pg, 0);
  for (bool more = true; more && rc == APP_OK;) {
    struct dir_page dp = {0};
    struct api_error ae;
    api_error_clear(&ae);
    rc = fn(r, pg.offset, cursor[0] ? cursor : NULL, &dp, &ae, err);
    struct api_rejects rej = {0};
    api_client_take_rejects(r->api, &rej);
    if (rc == APP_OK)
      rc = sync_quarantine(r, &rej, err);
    if (rc == APP_ERR_NETWORK) {
      more = false; /* this list ends here, whatever the failure */
      if (ae.code != API_ERR_NOT_FOUND)
        sync_warn(r, "%s skipped: %s", what, ae.detail);
      rc = ae.code == API_ERR_NETWORK || ae.code == API_ERR_TIMEOUT ||
                   ae.code == API_ERR_AUTH
               ? app_error_from_api(err, &ae, what)
               : APP_OK;
    } else if (rc == APP_OK) {
      const char **ids = NULL;
      size_t n = page_ids(&dp.ids, &ids);
      more = app_pager_step(&pg, &dp.page, ids, n, rej.count);
      free(ids);
      /* A `next` cursor is followed even when the page looked like the
       * last one; the pager's checks still bound the walk. */
      snprintf(cursor, sizeof cursor, "%s", dp.page.next_cursor);
      if (!more && cursor[0] && !pg.stopped_early && dp.page.count > 0)
        more = true;
    }
    api_rejects_cleanup(&rej);
    app_idset_cleanup(&dp.ids);
  }
  if (rc == APP_OK && pg.stopped_early)
    sync_warn(r, "%s stopped early: %s", what, pg.why);
  app_pager_cleanup(&pg);
  return rc;
}

enum app_err sync_directory(struct sync_run *r, struct app_error *err) {
  enum app_err rc = sync_list(r, customers_page, "customers", err);
  if (rc == APP_OK)
    rc = sync_list(r, accounts_page, "accounts", err);
  if (rc == APP_OK)
    rc = sync_list(r, identities_page, "identities", err);
  return rc;
}

enum app_err app_cache_purge(struct app *a, struct app_error *err) {
  enum cache_err ce = cache_purge(a->cache);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "purging the cache");
  app_bump(a);
  return APP_OK;
}
