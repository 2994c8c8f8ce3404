/*
 * app_directory - customers, accounts and identities: reads from the cache
 * and their part of the sync (small lists, fetched whole each time; a
 * server that does not offer one of them (404) is skipped, so the desk
 * stays usable against API variants without it).
 */
#include <stdlib.h>

#include "api/api_accounts.h"
#include "api/api_customers.h"
#include "app/app_internal.h"
#include "cache/cache_customers.h"
#include "core/sanitize.h"

#define DIR_PAGE 500

enum app_err app_customers_query(struct app *a, const char *text,
                                 size_t offset, size_t limit,
                                 struct customer_list *out,
                                 struct app_error *err) {
  struct customer_list all = {0};
  enum cache_err ce =
      cache_customers_list(a->cache, text, NULL, offset + limit, &all, NULL);
  if (ce != CACHE_OK) {
    customer_list_cleanup(&all);
    return app_error_from_cache(err, ce, "reading customers");
  }
  for (size_t i = 0; i < all.count; i++) {
    if (i < offset) {
      customer_cleanup(&all.items[i]);
      continue;
    }
    *customer_list_push(out) = all.items[i];
  }
  free(all.items);
  return APP_OK;
}

enum app_err app_customers_count(struct app *a, const char *text,
                                 int64_t *count, struct app_error *err) {
  enum cache_err ce = cache_customers_count(a->cache, text, count);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "counting customers");
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

/* One page of one directory list: fetch at `offset`, store it. Returns
 * API_ERR_NOT_FOUND untouched when the server has no such list. */
typedef enum app_err (*dir_page_fn)(struct api_client *api,
                                    struct cache *cache, int64_t offset,
                                    struct api_page *page,
                                    struct api_error *ae,
                                    struct app_error *err);

static enum app_err customers_page(struct api_client *api, struct cache *cache,
                                   int64_t offset, struct api_page *page,
                                   struct api_error *ae,
                                   struct app_error *err) {
  struct customer_list l = {0};
  struct api_customer_query q = {.limit = DIR_PAGE, .offset = offset};
  enum app_err rc = APP_OK;
  enum cache_err ce;
  if (api_customers_list(api, &q, &l, page, ae) != API_OK) {
    rc = APP_ERR_NETWORK; /* the caller maps *ae */
  } else {
    ce = cache_customers_upsert(cache, l.items, l.count);
    if (ce != CACHE_OK)
      rc = app_error_from_cache(err, ce, "sync customers");
  }
  customer_list_cleanup(&l);
  return rc;
}

static enum app_err accounts_page(struct api_client *api, struct cache *cache,
                                  int64_t offset, struct api_page *page,
                                  struct api_error *ae,
                                  struct app_error *err) {
  struct account_list l = {0};
  struct api_account_query q = {.limit = DIR_PAGE, .offset = offset};
  enum app_err rc = APP_OK;
  enum cache_err ce;
  if (api_accounts_list(api, &q, &l, page, ae) != API_OK) {
    rc = APP_ERR_NETWORK; /* the caller maps *ae */
  } else {
    ce = cache_accounts_upsert(cache, l.items, l.count);
    if (ce != CACHE_OK)
      rc = app_error_from_cache(err, ce, "sync accounts");
  }
  account_list_cleanup(&l);
  return rc;
}

static enum app_err identities_page(struct api_client *api,
                                    struct cache *cache, int64_t offset,
                                    struct api_page *page,
                                    struct api_error *ae,
                                    struct app_error *err) {
  struct identity_list l = {0};
  struct api_identity_query q = {.limit = DIR_PAGE, .offset = offset};
  enum app_err rc = APP_OK;
  enum cache_err ce;
  if (api_identities_list(api, &q, &l, page, ae) != API_OK) {
    rc = APP_ERR_NETWORK; /* the caller maps *ae */
  } else {
    ce = cache_identities_upsert(cache, l.items, l.count);
    if (ce != CACHE_OK)
      rc = app_error_from_cache(err, ce, "sync identities");
  }
  identity_list_cleanup(&l);
  return rc;
}

/* Page through one list; a server without it (404) is skipped. */
static enum app_err sync_list(struct api_client *api, struct cache *cache,
                              dir_page_fn fn, const char *what,
                              struct app_error *err) {
  for (int64_t offset = 0;;) {
    struct api_page page = {0};
    struct api_error ae;
    api_error_clear(&ae);
    enum app_err rc = fn(api, cache, offset, &page, &ae, err);
    if (rc == APP_ERR_NETWORK) {
      if (ae.code == API_ERR_NOT_FOUND)
        return APP_OK;
      return app_error_from_api(err, &ae, what);
    }
    if (rc != APP_OK)
      return rc;
    if (!page.has_next || page.count == 0)
      return APP_OK;
    offset = page.next_offset > offset ? page.next_offset : offset + DIR_PAGE;
  }
}

enum app_err app_sync_aux(struct app *a, struct api_client *api,
                          struct cache *cache, struct app_error *err) {
  (void)a;
  enum app_err rc = sync_list(api, cache, customers_page, "sync customers", err);
  if (rc == APP_OK)
    rc = sync_list(api, cache, accounts_page, "sync accounts", err);
  if (rc == APP_OK)
    rc = sync_list(api, cache, identities_page, "sync identities", err);
  return rc;
}

enum app_err app_cache_purge(struct app *a, struct app_error *err) {
  enum cache_err ce = cache_purge(a->cache);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "purging the cache");
  app_bump(a);
  return APP_OK;
}
