/*
 * sandbox_demo_parties - demo identities, accounts and customers; see
 * sandbox_demo_int.h.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/xalloc.h"
#include "sandbox/sandbox_demo_int.h"

static const char *const idn[4] = {"Andes Market SpA", "Pampa Pagos SRL",
                                   "Lucía Rodríguez", "Kenji Watanabe"};
static const char *const idtype[4] = {"ORGANIZATION", "ORGANIZATION", "USER",
                                      "USER"};

/* Four identities: two organisations, two users. */
static int make_identities(struct demo *d, int64_t t0) {
  for (int i = 0; i < 4; i++) {
    char ts[32];
    char doc_no[24];
    char email[64];
    sandbox_demo_new_id(d, t0 + i * HOUR_MS, d->identity[i]);
    d->identity_name[i] = idn[i];
    cJSON *o = cJSON_CreateObject();
    sandbox_store_iso(t0 + i * HOUR_MS, ts);
    cJSON_AddStringToObject(o, "id", d->identity[i]);
    cJSON_AddStringToObject(o, "type", idtype[i]);
    cJSON_AddStringToObject(o, "name", idn[i]);
    snprintf(email, sizeof(email), "ops%d.t%d@example.com", i, d->tenant);
    cJSON_AddStringToObject(o, "email", email);
    cJSON_AddStringToObject(o, "phone", "+56911112222");
    snprintf(doc_no, sizeof(doc_no), "7%07d-%d",
             (int)sandbox_demo_rnd(d, 9999999), (int)sandbox_demo_rnd(d, 10));
    cJSON_AddStringToObject(o, "documentNumber", doc_no);
    cJSON_AddStringToObject(o, "documentType", "RUT");
    cJSON_AddStringToObject(o, "idv", "VERIFIED");
    cJSON_AddStringToObject(o, "country", "CHL");
    cJSON_AddStringToObject(o, "status", "ACTIVE");
    cJSON_AddStringToObject(o, "createdAt", ts);
    cJSON_AddStringToObject(o, "updatedAt", ts);
    int rc = sandbox_store_put_identity(d->c, d->tenant, o);
    cJSON_Delete(o);
    if (rc)
      return rc;
  }
  return 0;
}

/* One CHECKING account per currency, a second one for the main ones. */
static int make_accounts(struct demo *d, int64_t t0) {
  for (int i = 0; i < SANDBOX_DEMO_NCUR + 3; i++) {
    struct demo_account *a = &d->acct[d->nacct++];
    int cur = i % SANDBOX_DEMO_NCUR;
    int owner = i < SANDBOX_DEMO_NCUR ? i % 2 : 2 + i % 2;
    int64_t ms = t0 + (5 + i) * HOUR_MS;
    char ts[32];
    a->cur = cur;
    sandbox_demo_new_id(d, ms, a->id);
    memcpy(a->identity, d->identity[owner], sizeof(a->identity));
    char number[64];
    snprintf(number, sizeof(number), "%010lld%02d%s", (long long)(ms / 1000),
             (int)sandbox_demo_rnd(d, 100), d->identity[owner]);
    snprintf(a->number, sizeof(a->number), "%s", number);
    snprintf(a->holder, sizeof(a->holder), "%s", idn[owner]);
    cJSON *o = cJSON_CreateObject();
    sandbox_store_iso(ms, ts);
    char name[64];
    char bal[MONEY_FMT_MAX];
    snprintf(name, sizeof(name), "%s operations",
             sandbox_demo_currencies[cur].code);
    sandbox_demo_fmt_amount(cur, sandbox_demo_rand_amount(d, cur) * 40, bal,
                            sizeof(bal));
    cJSON_AddStringToObject(o, "id", a->id);
    cJSON_AddStringToObject(o, "identityId", a->identity);
    char ext[48];
    snprintf(ext, sizeof(ext), "ops-%s-%d", sandbox_demo_currencies[cur].code,
             d->nacct);
    cJSON_AddStringToObject(o, "externalId", ext);
    cJSON_AddStringToObject(o, "type", "CHECKING");
    cJSON_AddStringToObject(o, "custody", "BANK_ACCOUNT");
    cJSON_AddStringToObject(o, "balance", bal);
    cJSON_AddStringToObject(o, "availableFunds", bal);
    cJSON_AddStringToObject(o, "currency", sandbox_demo_currencies[cur].code);
    cJSON_AddStringToObject(o, "name", name);
    cJSON_AddStringToObject(o, "accountNumber", a->number);
    cJSON_AddStringToObject(o, "accountHolder", a->holder);
    cJSON_AddStringToObject(o, "status", "ACTIVE");
    cJSON_AddNullToObject(o, "parentId");
    cJSON_AddStringToObject(o, "createdAt", ts);
    cJSON_AddStringToObject(o, "updatedAt", ts);
    int rc = sandbox_store_put_account(d->c, d->tenant, o);
    cJSON_Delete(o);
    if (rc)
      return rc;
  }
  return 0;
}

/* Customers at every operation level. */
static int make_customers(struct demo *d, int64_t t0, int ncust) {
  static const char *const levels[] = {"BASIC", "STANDARD", "FULL", "INACTIVE"};
  d->cust = xcalloc((size_t)ncust, sizeof(*d->cust));
  d->ncust = ncust;
  for (int i = 0; i < ncust; i++) {
    struct demo_customer *cu = &d->cust[i];
    int64_t ms = t0 + DAY_MS + (int64_t)i * 60000;
    char ts[32];
    char phone[16];
    cu->name = i < sandbox_demo_nnames
                   ? i
                   : (int)sandbox_demo_rnd(d, sandbox_demo_nnames);
    cu->cur = (int)sandbox_demo_rnd(d, SANDBOX_DEMO_NCUR);
    sandbox_demo_new_id(d, ms, cu->id);
    sandbox_demo_digits(d, cu->doc_number, 9);
    snprintf(cu->email, sizeof(cu->email), "customer%d.t%d@example.com", i,
             d->tenant);
    /* Levels: the first few cover every level; then mostly BASIC. */
    const char *level =
        i < 8
            ? levels[i % 4]
            : levels[sandbox_demo_rnd(d, 10) < 5 ? 0 : sandbox_demo_rnd(d, 4)];
    /* Hostile-named customers stay BASIC and undocumented (reviewable). */
    if (i < 3)
      level = "BASIC";
    bool documented =
        strcmp(level, "STANDARD") == 0 || strcmp(level, "FULL") == 0;
    cu->documented = documented;
    cJSON *o = cJSON_CreateObject();
    sandbox_store_iso(ms, ts);
    cJSON_AddStringToObject(o, "id", cu->id);
    cJSON_AddStringToObject(o, "clientId", d->sb->tenants[d->tenant].client_id);
    cJSON_AddStringToObject(o, "firstName", sandbox_demo_names[cu->name].first);
    cJSON_AddStringToObject(o, "lastName", sandbox_demo_names[cu->name].last);
    cJSON_AddStringToObject(o, "email", cu->email);
    sandbox_demo_digits(d, phone, 9);
    cJSON_AddStringToObject(o, "phoneNumber", phone);
    cJSON_AddStringToObject(o, "phoneNumberPrefix",
                            sandbox_demo_currencies[cu->cur].phone_prefix);
    cJSON_AddStringToObject(o, "documentNumber", cu->doc_number);
    cJSON_AddStringToObject(o, "documentType",
                            sandbox_demo_currencies[cu->cur].doc_type);
    cJSON_AddStringToObject(o, "country",
                            sandbox_demo_currencies[cu->cur].country2);
    cJSON_AddStringToObject(o, "operationLevel", level);
    cJSON_AddBoolToObject(o, "autoCreated", sandbox_demo_rnd(d, 2) == 0);
    cJSON_AddBoolToObject(o, "isDocumented", documented);
    cJSON *docs = cJSON_AddArrayToObject(o, "documents");
    if (documented || (i >= 3 && sandbox_demo_rnd(d, 4) == 0)) {
      cJSON *e = cJSON_CreateObject();
      char url[256];
      snprintf(url, sizeof(url), "%s/documents/customers/%s/kyc/%lld",
               d->sb->base_url, cu->id, (long long)ms);
      cJSON_AddStringToObject(e, "type", "kyc");
      cJSON_AddStringToObject(e, "url", url);
      cJSON_AddStringToObject(e, "contentType", "image/jpeg");
      cJSON_AddStringToObject(e, "status",
                              documented ? "APPROVED" : "UPLOADED");
      cJSON_AddStringToObject(e, "uploadedAt", ts);
      cJSON_AddItemToArray(docs, e);
    }
    cJSON_AddStringToObject(o, "createdAt", ts);
    cJSON_AddStringToObject(o, "updatedAt", ts);
    int rc = sandbox_store_put_customer(d->c, d->tenant, o);
    cJSON_Delete(o);
    if (rc)
      return rc;
  }
  return 0;
}

int sandbox_demo_parties_make(struct demo *d, int ncust) {
  int64_t t0 = d->now - 200 * DAY_MS;
  int rc = make_identities(d, t0);
  if (rc == 0)
    rc = make_accounts(d, t0);
  if (rc == 0)
    rc = make_customers(d, t0, ncust);
  return rc;
}
