/*
 * filter - parse the shared filter syntax and evaluate it on a payment.
 *
 * Terms are separated by blanks. A term `word:value` whose word is made of
 * letters only is a key term (unknown keys are an error naming the key);
 * `amount` and `created` take an operator (> >= < <= =, and `:` meaning =).
 * Anything else is free text. Repeated status/type terms add to the set;
 * repeated amount/created bounds narrow the range; other repeated keys
 * replace the earlier value. status, type, currency and docs values are
 * upper-cased (they are enums in the API); ids are kept as typed.
 * Free text is matched as one phrase (the words joined by one space),
 * case-insensitively for ASCII letters, as a substring of any listed field.
 * filter_match() is the reference semantics the cache's SQL mirrors.
 */
#include "core/filter.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

#define MS_PER_DAY INT64_C(86400000)

enum filter_op { OP_EQ, OP_GT, OP_GE, OP_LT, OP_LE };

static void set_err(char *errbuf, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *errbuf, size_t errlen, const char *fmt, ...) {
  va_list ap;
  if (errbuf == NULL || errlen == 0)
    return;
  va_start(ap, fmt);
  vsnprintf(errbuf, errlen, fmt, ap);
  va_end(ap);
}

static char ascii_upper(char c) {
  return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

static void upcase(char *s) {
  for (; *s; s++)
    *s = ascii_upper(*s);
}

static bool key_is(const char *key, size_t len, const char *name) {
  if (strlen(name) != len)
    return false;
  for (size_t i = 0; i < len; i++)
    if (ascii_lower(key[i]) != name[i])
      return false;
  return true;
}

/* "A, B, C" of every name in [first, count) for error messages. */
static void list_names(struct strbuf *sb, const char *(*name)(int), int first,
                       int count) {
  for (int i = first; i < count; i++) {
    if (i > first)
      strbuf_puts(sb, ", ");
    strbuf_puts(sb, name(i));
  }
}

static const char *status_name_i(int i) {
  return payment_status_name((enum payment_status)i);
}

static const char *type_name_i(int i) {
  return payment_type_name((enum payment_type)i);
}

/* Parse a comma list of statuses (kind 's') or types (kind 't') into mask. */
static enum core_err parse_enum_list(const char *value, bool status,
                                     uint32_t *mask, char *errbuf,
                                     size_t errlen) {
  char *copy = xstrdup(value), *p = copy;
  enum core_err err = CORE_OK;
  const char *what = status ? "status" : "type";

  upcase(copy);
  for (;;) {
    char *comma = strchr(p, ',');
    int v;
    if (comma != NULL)
      *comma = '\0';
    if (*p == '\0') {
      set_err(errbuf, errlen, "empty value in %s:%s", what, value);
      err = CORE_ERR_INVALID;
      goto out;
    }
    if (status) {
      v = (int)payment_status_from_string(p);
      if (v == PAYMENT_STATUS_UNKNOWN && strcmp(p, "UNKNOWN") != 0)
        v = -1;
    } else {
      v = (int)payment_type_from_string(p);
      if (v == PAYMENT_TYPE_UNKNOWN && strcmp(p, "UNKNOWN") != 0)
        v = -1;
    }
    if (v < 0) {
      struct strbuf sb;
      strbuf_init(&sb, 0);
      if (status)
        list_names(&sb, status_name_i, 1, PAYMENT_STATUS_COUNT_);
      else
        list_names(&sb, type_name_i, 1, PAYMENT_TYPE_COUNT_);
      set_err(errbuf, errlen, "unknown %s \"%s\" (valid: %s)", what, p,
              strbuf_str(&sb));
      strbuf_cleanup(&sb);
      err = CORE_ERR_INVALID;
      goto out;
    }
    *mask |= 1u << v;
    if (comma == NULL)
      break;
    p = comma + 1;
  }
out:
  free(copy);
  return err;
}

/* Read the operator at *pp (after the key); false when there is none. */
static bool parse_op(const char **pp, enum filter_op *op) {
  const char *p = *pp;
  if (p[0] == '>' && p[1] == '=') {
    *op = OP_GE;
    p += 2;
  } else if (p[0] == '<' && p[1] == '=') {
    *op = OP_LE;
    p += 2;
  } else if (p[0] == '>') {
    *op = OP_GT;
    p++;
  } else if (p[0] == '<') {
    *op = OP_LT;
    p++;
  } else if (p[0] == '=' || p[0] == ':') {
    *op = OP_EQ;
    p++;
  } else {
    return false;
  }
  *pp = p;
  return true;
}

static enum core_err apply_amount(struct filter *f, enum filter_op op,
                                  const char *value, const char *term,
                                  char *errbuf, size_t errlen) {
  int64_t v, lo, hi;
  enum core_err err = money_parse_micro(value, &v);

  if (err != CORE_OK) {
    set_err(errbuf, errlen, "bad amount in \"%s\": %s", term,
            core_strerror(err));
    return CORE_ERR_INVALID;
  }
  lo = INT64_MIN;
  hi = INT64_MAX;
  switch (op) {
  case OP_EQ:
    lo = hi = v;
    break;
  case OP_GE:
    lo = v;
    break;
  case OP_LE:
    hi = v;
    break;
  case OP_GT:
    if (v == INT64_MAX)
      goto empty;
    lo = v + 1;
    break;
  case OP_LT:
    if (v == INT64_MIN)
      goto empty;
    hi = v - 1;
    break;
  }
  if (lo != INT64_MIN && (!f->has_amount_min || lo > f->amount_min_micro)) {
    f->amount_min_micro = lo;
    f->has_amount_min = true;
  }
  if (hi != INT64_MAX && (!f->has_amount_max || hi < f->amount_max_micro)) {
    f->amount_max_micro = hi;
    f->has_amount_max = true;
  }
  return CORE_OK;
empty:
  /* Nothing can match: an empty range. */
  f->has_amount_min = f->has_amount_max = true;
  f->amount_min_micro = 1;
  f->amount_max_micro = 0;
  return CORE_OK;
}

static enum core_err apply_created(struct filter *f, enum filter_op op,
                                   const char *value, const char *term,
                                   char *errbuf, size_t errlen) {
  int64_t start, end; /* the instant or day as [start, end) */
  int64_t lo = 0, hi = 0;

  if (time_parse_date(value, &start) == CORE_OK) {
    end = start + MS_PER_DAY;
  } else if (time_parse_iso8601(value, &start) == CORE_OK) {
    end = start + 1;
  } else {
    set_err(errbuf, errlen,
            "bad date in \"%s\" (use 2025-01-31 or 2025-01-31T12:00:00Z)",
            term);
    return CORE_ERR_INVALID;
  }
  switch (op) {
  case OP_EQ:
    lo = start;
    hi = end;
    break;
  case OP_GE:
    lo = start;
    break;
  case OP_GT:
    lo = end;
    break;
  case OP_LT:
    hi = start;
    break;
  case OP_LE:
    hi = end;
    break;
  }
  if (lo != 0 && (f->created_min_ms == 0 || lo > f->created_min_ms))
    f->created_min_ms = lo;
  if (hi != 0 && (f->created_max_ms == 0 || hi < f->created_max_ms))
    f->created_max_ms = hi;
  return CORE_OK;
}

static void replace_str(char **dst, const char *value) {
  free(*dst);
  *dst = xstrdup(value);
}

/* One blank-free term. */
static enum core_err parse_term(struct filter *f, const char *term,
                                struct strbuf *text, char *errbuf,
                                size_t errlen) {
  const char *p = term;
  size_t klen;
  enum filter_op op;

  while (is_alpha(*p))
    p++;
  klen = (size_t)(p - term);

  if (klen > 0 && (key_is(term, klen, "amount") ||
                   key_is(term, klen, "created"))) {
    const char *v = p;
    if (parse_op(&v, &op)) {
      if (*v == '\0') {
        set_err(errbuf, errlen, "missing value in \"%s\"", term);
        return CORE_ERR_INVALID;
      }
      if (key_is(term, klen, "amount"))
        return apply_amount(f, op, v, term, errbuf, errlen);
      return apply_created(f, op, v, term, errbuf, errlen);
    }
  }

  if (klen > 0 && *p == ':') {
    const char *value = p + 1;
    if (*value == '\0') {
      set_err(errbuf, errlen, "missing value in \"%s\"", term);
      return CORE_ERR_INVALID;
    }
    if (key_is(term, klen, "status"))
      return parse_enum_list(value, true, &f->status_mask, errbuf, errlen);
    if (key_is(term, klen, "type"))
      return parse_enum_list(value, false, &f->type_mask, errbuf, errlen);
    if (key_is(term, klen, "currency")) {
      size_t n = strlen(value);
      if (n >= sizeof f->currency) {
        set_err(errbuf, errlen, "bad currency \"%s\"", value);
        return CORE_ERR_INVALID;
      }
      for (size_t i = 0; i < n; i++) {
        if (!is_alpha(value[i])) {
          set_err(errbuf, errlen, "bad currency \"%s\"", value);
          return CORE_ERR_INVALID;
        }
      }
      memcpy(f->currency, value, n + 1);
      upcase(f->currency);
      return CORE_OK;
    }
    if (key_is(term, klen, "customer")) {
      replace_str(&f->customer_id, value);
      return CORE_OK;
    }
    if (key_is(term, klen, "parent")) {
      replace_str(&f->parent_id, value);
      return CORE_OK;
    }
    if (key_is(term, klen, "account")) {
      replace_str(&f->account_number, value);
      return CORE_OK;
    }
    if (key_is(term, klen, "docs")) {
      replace_str(&f->documentation_status, value);
      upcase(f->documentation_status);
      return CORE_OK;
    }
    set_err(errbuf, errlen,
            "unknown filter key \"%.*s\" (valid: status, type, currency, "
            "customer, amount, created, docs, parent, account)",
            (int)klen, term);
    return CORE_ERR_INVALID;
  }

  if (text->len > 0)
    strbuf_append(text, " ", 1);
  strbuf_puts(text, term);
  return CORE_OK;
}

enum core_err filter_parse(const char *s, struct filter *out, char *errbuf,
                           size_t errlen) {
  struct filter f;
  struct strbuf text, term;
  enum core_err err = CORE_OK;
  const char *p = s;

  memset(&f, 0, sizeof f);
  memset(out, 0, sizeof *out);
  strbuf_init(&text, 0);
  strbuf_init(&term, 0);
  if (errbuf != NULL && errlen > 0)
    errbuf[0] = '\0';
  if (s == NULL)
    goto out;
  for (;;) {
    const char *start;
    while (is_blank(*p))
      p++;
    if (*p == '\0')
      break;
    start = p;
    while (*p != '\0' && !is_blank(*p))
      p++;
    strbuf_reset(&term);
    strbuf_append(&term, start, (size_t)(p - start));
    err = parse_term(&f, strbuf_str(&term), &text, errbuf, errlen);
    if (err != CORE_OK)
      goto out;
  }
  if (text.len > 0)
    f.text = strbuf_detach(&text);
  *out = f;
  memset(&f, 0, sizeof f);
out:
  filter_cleanup(&f);
  strbuf_cleanup(&text);
  strbuf_cleanup(&term);
  return err;
}

void filter_cleanup(struct filter *f) {
  if (f == NULL)
    return;
  free(f->customer_id);
  free(f->parent_id);
  free(f->account_number);
  free(f->documentation_status);
  free(f->text);
  memset(f, 0, sizeof *f);
}

bool filter_is_empty(const struct filter *f) {
  return f->status_mask == 0 && f->type_mask == 0 && f->currency[0] == '\0' &&
         !f->has_amount_min && !f->has_amount_max && f->created_min_ms == 0 &&
         f->created_max_ms == 0 && f->customer_id == NULL &&
         f->parent_id == NULL && f->account_number == NULL &&
         f->documentation_status == NULL && f->text == NULL;
}

/* ASCII case-insensitive substring test; NULL haystack never matches. */
static bool contains_ci(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  if (hay == NULL)
    return false;
  if (n == 0)
    return true;
  for (; *hay; hay++) {
    size_t i = 0;
    while (i < n && hay[i] != '\0' &&
           ascii_lower(hay[i]) == ascii_lower(needle[i]))
      i++;
    if (i == n)
      return true;
  }
  return false;
}

static bool str_eq(const char *want, const char *got) {
  return got != NULL && strcmp(want, got) == 0;
}

static bool str_eq_ci(const char *want, const char *got) {
  if (got == NULL)
    return false;
  for (; *want && *got; want++, got++)
    if (ascii_lower(*want) != ascii_lower(*got))
      return false;
  return *want == *got;
}

bool filter_match(const struct filter *f, const struct payment *p) {
  if (f->status_mask != 0 &&
      ((unsigned)p->status >= 32u || !(f->status_mask & (1u << p->status))))
    return false;
  if (f->type_mask != 0 &&
      ((unsigned)p->type >= 32u || !(f->type_mask & (1u << p->type))))
    return false;
  if (f->currency[0] != '\0' && strcmp(f->currency, p->total.currency) != 0)
    return false;
  if (f->has_amount_min || f->has_amount_max) {
    int64_t micro;
    if (money_to_micro(&p->total, &micro) != CORE_OK)
      return false;
    if (f->has_amount_min && micro < f->amount_min_micro)
      return false;
    if (f->has_amount_max && micro > f->amount_max_micro)
      return false;
  }
  if (f->created_min_ms != 0 && p->created_at < f->created_min_ms)
    return false;
  if (f->created_max_ms != 0 && p->created_at >= f->created_max_ms)
    return false;
  if (f->customer_id != NULL && !str_eq(f->customer_id, p->customer_id))
    return false;
  if (f->parent_id != NULL && !str_eq(f->parent_id, p->parent_payment_id))
    return false;
  if (f->account_number != NULL &&
      !str_eq(f->account_number, p->account_number))
    return false;
  if (f->documentation_status != NULL &&
      !str_eq_ci(f->documentation_status, p->documentation_status))
    return false;
  if (f->text != NULL &&
      !(contains_ci(p->id, f->text) || contains_ci(p->external_id, f->text) ||
        contains_ci(p->description, f->text) ||
        contains_ci(p->customer_name, f->text) ||
        contains_ci(p->customer_email, f->text) ||
        contains_ci(p->customer_document, f->text)))
    return false;
  return true;
}
