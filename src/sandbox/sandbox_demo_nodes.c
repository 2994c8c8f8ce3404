/*
 * sandbox_demo_nodes - demo payment nodes; see sandbox_demo_int.h.
 */
#include <stdio.h>
#include <string.h>

#include "sandbox/sandbox_demo_int.h"

static const char *rail_key(const char *type) {
  static const struct {
    const char *type;
    const char *key;
  } keys[] = {
      {"ETPAY", "etpay"},
      {"FINTOC", "fintoc"},
      {"WEBPAY", "webpay"},
      {"CVU", "cvu"},
      {"PCT", "pct"},
      {"SPEI", "spei"},
      {"PSE", "pse"},
      {"NEQUI", "nequi"},
      {"BANCOLOMBIA", "bancolombia"},
      {"PIX", "pix"},
      {"ACH", "ach"},
      {"WIRE", "wire"},
      {"LIGO", "ligo"},
      {"SEPA", "sepa"},
      {"CRYPTO", "wallet"},
      {"BANK_ACCOUNT", "bank"},
      {"BREB", "breb"},
      {"SWIFT", "swift"},
  };
  for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
    if (strcmp(keys[i].type, type) == 0)
      return keys[i].key;
  return "rail";
}

static void customer_snapshot(struct strbuf *o,
                              const struct demo_customer *cu) {
  sandbox_demo_json_key(o, "customer");
  strbuf_append(o, "{", 1);
  sandbox_demo_json_kv(o, "firstName", sandbox_demo_names[cu->name].first);
  sandbox_demo_json_kv(o, "lastName", sandbox_demo_names[cu->name].last);
  sandbox_demo_json_kv(o, "email", cu->email);
  sandbox_demo_json_kv(o, "documentType",
                       sandbox_demo_currencies[cu->cur].doc_type);
  sandbox_demo_json_kv(o, "documentNumber", cu->doc_number);
  strbuf_append(o, "}", 1);
}

void sandbox_demo_nodes_rail(struct strbuf *o, struct demo *d, int cur,
                             const char *type, const struct demo_customer *cu,
                             const char *amount) {
  char num[32];
  strbuf_append(o, "{", 1);
  sandbox_demo_json_kv(o, "type", type);
  sandbox_demo_json_kv(o, "currency", sandbox_demo_currencies[cur].code);
  sandbox_demo_json_kv(o, "amount", amount);
  sandbox_demo_json_key(o, rail_key(type));
  strbuf_append(o, "{", 1);
  if (strcmp(type, "BANK_ACCOUNT") == 0) {
    char holder[128];
    sandbox_demo_digits(d, num, 12);
    sandbox_demo_json_kv(o, "accountNumber", num);
    sandbox_demo_json_kv(o, "bank", "001");
    sandbox_demo_json_kv(o, "currency", sandbox_demo_currencies[cur].code);
    sandbox_demo_json_kv(o, "typeAccount", "CHECKING");
    snprintf(holder, sizeof(holder), "%s %s",
             sandbox_demo_names[cu->name].first,
             sandbox_demo_names[cu->name].last);
    sandbox_demo_json_kv(o, "accountHolder", holder);
    sandbox_demo_json_kv(o, "accountHolderDni", cu->doc_number);
    sandbox_demo_json_kv(o, "country", sandbox_demo_currencies[cur].country2);
    strbuf_append(o, "}", 1);
    customer_snapshot(o, cu);
    strbuf_append(o, "}", 1);
    return;
  }
  if (strcmp(type, "CRYPTO") == 0) {
    char addr[48];
    addr[0] = '0';
    addr[1] = 'x';
    for (int i = 0; i < 40; i++)
      addr[2 + i] = "0123456789abcdef"[sandbox_demo_rnd(d, 16)];
    addr[42] = '\0';
    sandbox_demo_json_kv(o, "address", addr);
    sandbox_demo_json_kv(o, "network", "SOLANA");
    sandbox_demo_json_kv(o, "provider", "CIRCLE");
  } else if (strcmp(type, "SPEI") == 0) {
    sandbox_demo_digits(d, num, 18);
    sandbox_demo_json_kv(o, "clabe", num);
  } else if (strcmp(type, "ACH") == 0 || strcmp(type, "WIRE") == 0) {
    if (strcmp(type, "WIRE") == 0) {
      sandbox_demo_json_kv(o, "swiftCode", "CHASUS33");
      sandbox_demo_json_kv(o, "bankName", "JPMorgan Chase Bank");
    }
    sandbox_demo_digits(d, num, 9);
    sandbox_demo_json_kv(o, "routingNumber", num);
    sandbox_demo_digits(d, num, 10);
    sandbox_demo_json_kv(o, "accountNumber", num);
  } else if (strcmp(type, "SWIFT") == 0) {
    sandbox_demo_json_kv(o, "swiftCode", "DEUTDEFF");
    sandbox_demo_digits(d, num, 12);
    sandbox_demo_json_key(o, "bank");
    strbuf_append(o, "{", 1);
    sandbox_demo_json_kv(o, "accountNumber", num);
    sandbox_demo_json_kv(o, "name", "Deutsche Bank");
    strbuf_append(o, "}", 1);
  } else if (strcmp(type, "PIX") == 0) {
    /* The EMV copy-and-paste code the OpenAPI requires. */
    char emv[96];
    sandbox_demo_digits(d, num, 20);
    snprintf(emv, sizeof(emv),
             "00020126580014br.gov.bcb.pix0136%s5204000053039865802BR", num);
    sandbox_demo_json_kv(o, "data", emv);
  } else if (strcmp(type, "PSE") == 0) {
    sandbox_demo_json_kv(o, "bankId", "1007");
  } else if (strcmp(type, "SEPA") == 0) {
    char iban[40];
    sandbox_demo_digits(d, num, 20);
    snprintf(iban, sizeof(iban), "ES%.2s%s", num, num + 2);
    sandbox_demo_json_kv(o, "iban", iban);
  } else if (strcmp(type, "BREB") == 0) {
    sandbox_demo_json_kv(o, "bankId", "1007");
    sandbox_demo_digits(d, num, 11);
    sandbox_demo_json_kv(o, "accountNumber", num);
  }
  customer_snapshot(o, cu);
  strbuf_append(o, "}}", 2);
}

/* An ACCOUNT node; `a` NULL is the not yet assigned account of a parked
 * deposit: no accountNumber, held by the client (`holder`) until then. */
void sandbox_demo_nodes_account(struct strbuf *o, const struct demo_account *a,
                                const char *holder, int cur,
                                const char *amount) {
  strbuf_append(o, "{", 1);
  sandbox_demo_json_kv(o, "type", "ACCOUNT");
  sandbox_demo_json_kv(o, "currency", sandbox_demo_currencies[cur].code);
  sandbox_demo_json_kv(o, "amount", amount);
  sandbox_demo_json_key(o, "identity");
  strbuf_append(o, "{", 1);
  sandbox_demo_json_kv(o, "identityId", a ? a->identity : NULL);
  strbuf_append(o, "}", 1);
  sandbox_demo_json_key(o, "account");
  strbuf_append(o, "{", 1);
  sandbox_demo_json_kv(o, "type", "CHECKING");
  sandbox_demo_json_kv(o, "currency", sandbox_demo_currencies[cur].code);
  sandbox_demo_json_kv(o, "accountNumber", a ? a->number : NULL);
  sandbox_demo_json_kv(o, "accountHolder", a ? a->holder : holder);
  strbuf_append(o, "}}", 2);
}

const struct demo_account *sandbox_demo_nodes_account_for(struct demo *d,
                                                          int cur) {
  for (int i = 0; i < d->nacct; i++)
    if (d->acct[i].cur == cur &&
        (sandbox_demo_rnd(d, 3) != 0 || i + SANDBOX_DEMO_NCUR >= d->nacct))
      return &d->acct[i];
  return &d->acct[0];
}
