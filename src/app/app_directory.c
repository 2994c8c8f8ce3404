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

enum app_err app_sync_aux(struct app *a, struct api_client *api,
                          struct cache *cache, struct app_error *err) {
  (void)a;
  struct api_error ae;
  enum cache_err ce;
  for (int64_t offset = 0;;) {
    struct customer_list l = {0};
    struct api_page page = {0};
    struct api_customer_query q = {.limit = DIR_PAGE, .offset = offset};
    api_error_clear(&ae);
    enum api_err e = api_customers_list(api, &q, &l, &page, &ae);
    if (e == API_ERR_NOT_FOUND) {
      customer_list_cleanup(&l);
      break;
    }
    if (e != API_OK) {
      customer_list_cleanup(&l);
      return app_error_from_api(err, &ae, "sync customers");
    }
    ce = cache_customers_upsert(cache, l.items, l.count);
    customer_list_cleanup(&l);
    if (ce != CACHE_OK)
      return app_error_from_cache(err, ce, "sync customers");
    if (!page.has_next || page.count == 0)
      break;
    offset = page.next_offset > offset ? page.next_offset : offset + DIR_PAGE;
  }
  for (int64_t offset = 0;;) {
    struct account_list l = {0};
    struct api_page page = {0};
    struct api_account_query q = {.limit = DIR_PAGE, .offset = offset};
    api_error_clear(&ae);
    enum api_err e = api_accounts_list(api, &q, &l, &page, &ae);
    if (e == API_ERR_NOT_FOUND) {
      account_list_cleanup(&l);
      break;
    }
    if (e != API_OK) {
      account_list_cleanup(&l);
      return app_error_from_api(err, &ae, "sync accounts");
    }
    ce = cache_accounts_upsert(cache, l.items, l.count);
    account_list_cleanup(&l);
    if (ce != CACHE_OK)
      return app_error_from_cache(err, ce, "sync accounts");
    if (!page.has_next || page.count == 0)
      break;
    offset = page.next_offset > offset ? page.next_offset : offset + DIR_PAGE;
  }
  for (int64_t offset = 0;;) {
    struct identity_list l = {0};
    struct api_page page = {0};
    struct api_identity_query q = {.limit = DIR_PAGE, .offset = offset};
    api_error_clear(&ae);
    enum api_err e = api_identities_list(api, &q, &l, &page, &ae);
    if (e == API_ERR_NOT_FOUND) {
      identity_list_cleanup(&l);
      break;
    }
    if (e != API_OK) {
      identity_list_cleanup(&l);
      return app_error_from_api(err, &ae, "sync identities");
    }
    ce = cache_identities_upsert(cache, l.items, l.count);
    identity_list_cleanup(&l);
    if (ce != CACHE_OK)
      return app_error_from_cache(err, ce, "sync identities");
    if (!page.has_next || page.count == 0)
      break;
    offset = page.next_offset > offset ? page.next_offset : offset + DIR_PAGE;
  }
  return APP_OK;
}

enum app_err app_cache_purge(struct app *a, struct app_error *err) {
  enum cache_err ce = cache_purge(a->cache);
  if (ce != CACHE_OK)
    return app_error_from_cache(err, ce, "purging the cache");
  app_bump(a);
  return APP_OK;
}
