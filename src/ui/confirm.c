/*
 * confirm - per-currency confirmation thresholds. See confirm.h.
 */
#include "ui/confirm.h"

#include <stdio.h>
#include <string.h>

static const struct {
  const char *currency, *amount;
} defaults[] = {
    {"CLP", "1000000"}, {"COP", "4000000"}, {"ARS", "1000000"},
    {"PYG", "7000000"}, {"MXN", "20000"},   {"BRL", "5000"},
    {"PEN", "4000"},    {"BOB", "7000"},    {"USD", "1000"},
    {"EUR", "1000"},    {"GBP", "1000"},    {"CAD", "1000"},
    {"AUD", "1000"},    {"USDC", "1000"},   {"USDT", "1000"},
};

static void set(struct confirm_table *t, const struct money *m) {
  for (size_t i = 0; i < t->n; i++) {
    if (strcmp(t->at[i].currency, m->currency) == 0) {
      t->at[i] = *m;
      return;
    }
  }
  if (t->n < CONFIRM_MAX)
    t->at[t->n++] = *m;
}

/* One item: "COP:2000000" or a bare "1000". */
static int parse_item(struct confirm_table *t, const char *item, char *err,
                      size_t errlen) {
  const char *colon = strchr(item, ':');
  if (colon == NULL) {
    if (money_parse_micro(item, &t->all_micro) != CORE_OK) {
      snprintf(err, errlen, "confirm_over: '%s' is not an amount", item);
      return -1;
    }
    t->all_set = true;
    t->n = 0;
    return 0;
  }
  char cur[8];
  size_t cl = (size_t)(colon - item);
  struct money m;
  if (cl == 0 || cl >= sizeof cur) {
    snprintf(err, errlen, "confirm_over: '%s' needs CURRENCY:AMOUNT", item);
    return -1;
  }
  memcpy(cur, item, cl);
  cur[cl] = '\0';
  enum core_err e = money_parse(colon + 1, cur, &m);
  if (e != CORE_OK) {
    snprintf(err, errlen, "confirm_over: '%s': %s", item, core_strerror(e));
    return -1;
  }
  set(t, &m);
  return 0;
}

int confirm_parse(const char *spec, struct confirm_table *t, char *err,
                  size_t errlen) {
  memset(t, 0, sizeof *t);
  for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
    struct money m;
    if (money_parse(defaults[i].amount, defaults[i].currency, &m) == CORE_OK)
      set(t, &m);
  }
  if (spec == NULL)
    return 0;
  char item[64];
  size_t n = 0;
  for (const char *p = spec;; p++) {
    if (*p == ',' || *p == ' ' || *p == '\t' || *p == '\0') {
      item[n] = '\0';
      if (n > 0 && parse_item(t, item, err, errlen) != 0)
        return -1;
      n = 0;
      if (*p == '\0')
        break;
      continue;
    }
    if (n + 1 >= sizeof item) {
      snprintf(err, errlen, "confirm_over: item too long");
      return -1;
    }
    item[n++] = *p;
  }
  return 0;
}

bool confirm_needed(const struct confirm_table *t, const struct money *amount) {
  for (size_t i = 0; i < t->n; i++) {
    int cmp;
    if (strcmp(t->at[i].currency, amount->currency) == 0 &&
        money_cmp(amount, &t->at[i], &cmp) == CORE_OK)
      return cmp >= 0;
  }
  int64_t micro;
  if (t->all_set && money_to_micro(amount, &micro) == CORE_OK)
    return micro >= t->all_micro;
  return true; /* unknown currency: ask */
}

bool confirm_matches(const char *typed, const struct money *want) {
  struct money m;
  return typed && money_parse_typed(typed, want->currency, &m) == CORE_OK &&
         m.minor == want->minor;
}
