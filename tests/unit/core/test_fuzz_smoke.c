/*
 * test_fuzz_smoke - a deterministic mini-fuzzer run in every CI build.
 *
 * ~100k pseudo-random inputs (xorshift64*, fixed seed) built from an
 * alphabet biased towards the interesting bytes (digits, signs, dots, ESC,
 * C1 and bidi encodings, broken UTF-8, filter keys) go through
 * money_parse, sanitize_text and filter_parse. The invariants checked here
 * are the same as in tests/fuzz/ (which needs clang's libFuzzer).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/currency.h"
#include "core/filter.h"
#include "core/money.h"
#include "core/sanitize.h"
#include "test.h"

#define ITERATIONS 100000
#define MAX_PIECES 12

static uint64_t rng_state = UINT64_C(0x9E3779B97F4A7C15);

static uint64_t rng_next(void) {
  uint64_t x = rng_state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  rng_state = x;
  return x * UINT64_C(0x2545F4914F6CDD1D);
}

static size_t rng_below(size_t n) { return (size_t)(rng_next() % n); }

static const char *const pieces[] = {
    "0", "1", "9", "00", "12", "999", "9223372036854775807", ".", "-", "+",
    "e", "E", " ", ",", "5.", ".5", "x", "\x1b", "\x1b[2J", "\x1b]0;t\x07",
    "\x07", "\x7f", "\t", "\n", "\xc2\x9b", "\xc2\x85", "\xe2\x80\xae",
    "\xe2\x81\xa6", "\xd8\x9c", "\xe2\x80\x8f", "\x80", "\xc0\x80",
    "\xed\xa0\x80", "\xe2\x82", "\xf4\x90\x80\x80", "\xf0\x9f\x98\x80",
    "\xc3\xa9", "\xe7\x8e\x8b", "\xff", "status:", "SETTLED", "FAILED,",
    "type:", "REFUND", "currency:", "usd", "amount", ">", ">=", "<", "<=",
    "=", ":", "created", "2025-01-01", "T12:00:00Z", "customer:", "docs:",
    "parent:", "account:", "foo:", "maria",
};

/* Build a random NUL-terminated input of pieces and raw bytes. */
static size_t make_input(char *buf, size_t cap) {
  size_t len = 0, n = 1 + rng_below(MAX_PIECES);
  for (size_t i = 0; i < n; i++) {
    if (rng_below(4) == 0) {
      char c = (char)(1 + rng_below(255)); /* any byte but NUL */
      if (len + 1 < cap)
        buf[len++] = c;
    } else {
      const char *p = pieces[rng_below(sizeof pieces / sizeof pieces[0])];
      size_t pl = strlen(p);
      if (len + pl < cap) {
        memcpy(buf + len, p, pl);
        len += pl;
      }
    }
  }
  buf[len] = '\0';
  return len;
}

/* A number-like input: mostly digits, some '.', '-', rarely junk. */
static size_t make_number(char *buf, size_t cap) {
  static const char alphabet[] = "0123456789012345678901234567890123456789.-";
  size_t len = 1 + rng_below(24);
  if (len >= cap)
    len = cap - 1;
  for (size_t i = 0; i < len; i++)
    buf[i] = rng_below(50) == 0 ? (char)(1 + rng_below(255))
                                : alphabet[rng_below(sizeof alphabet - 1)];
  buf[len] = '\0';
  return len;
}

/*
 * Independent strict UTF-8 check that also rejects what the sanitizer must
 * never emit: C0, DEL, C1 and the bidi controls.
 */
static bool output_is_safe(const unsigned char *s) {
  while (*s) {
    uint32_t cp;
    int extra;
    if (*s < 0x80) {
      if (*s < 0x20 || *s == 0x7f)
        return false;
      s++;
      continue;
    }
    if ((*s & 0xE0) == 0xC0) {
      cp = *s & 0x1Fu;
      extra = 1;
    } else if ((*s & 0xF0) == 0xE0) {
      cp = *s & 0x0Fu;
      extra = 2;
    } else if ((*s & 0xF8) == 0xF0) {
      cp = *s & 0x07u;
      extra = 3;
    } else {
      return false;
    }
    for (int i = 1; i <= extra; i++) {
      if ((s[i] & 0xC0) != 0x80)
        return false;
      cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) ||
        (extra == 3 && cp < 0x10000))
      return false; /* overlong */
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    if (cp >= 0x80 && cp <= 0x9F)
      return false;
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
        cp == 0x200E || cp == 0x200F || cp == 0x061C)
      return false;
    s += extra + 1;
  }
  return true;
}

static int failures_money, failures_sanitize, failures_filter;
static int accepted_money, accepted_filter, dirty_text;

static void check_money(const char *in) {
  static const char *const curs[] = {"USD", "CLP", "USDC", "KWD", "XXX"};
  const char *cur = curs[rng_below(sizeof curs / sizeof curs[0])];
  struct money m, back;
  char buf[MONEY_FMT_MAX];
  enum core_err err = money_parse(in, cur, &m);
  int64_t micro;

  if (err != CORE_OK) {
    if (err != CORE_ERR_INVALID && err != CORE_ERR_PRECISION &&
        err != CORE_ERR_OVERFLOW && err != CORE_ERR_CURRENCY)
      failures_money++;
    return;
  }
  accepted_money++;
  /* Accepted input only uses the grammar's characters. */
  if (strspn(in, "-0123456789.") != strlen(in) || in[0] == '+')
    failures_money++;
  if (money_format(&m, buf, sizeof buf) < 1 ||
      money_parse(buf, cur, &back) != CORE_OK || back.minor != m.minor)
    failures_money++;
  if (money_format_grouped(&m, buf, sizeof buf) < 1)
    failures_money++;
  (void)money_parse_micro(in, &micro);
}

static void check_sanitize(const char *in, size_t len) {
  char *out = sanitize_text(in);
  char *again;
  if (!output_is_safe((const unsigned char *)out))
    failures_sanitize++;
  if (sanitize_is_clean(in) != (strcmp(in, out) == 0))
    failures_sanitize++;
  if (strcmp(in, out) != 0)
    dirty_text++;
  if (!sanitize_is_clean(out))
    failures_sanitize++;
  again = sanitize_text(out);
  if (strcmp(again, out) != 0)
    failures_sanitize++;
  /* Expansion is bounded: at most 8 bytes out per byte in. */
  if (strlen(out) > len * 8)
    failures_sanitize++;
  free(again);
  free(out);
}

static void check_filter(const char *in, const struct payment *p) {
  struct filter f;
  char err[256];
  enum core_err rc = filter_parse(in, &f, err, sizeof err);
  if (rc == CORE_OK) {
    accepted_filter++;
    (void)filter_match(&f, p);
  } else if (rc != CORE_ERR_INVALID || err[0] == '\0' ||
             !filter_is_empty(&f)) {
    failures_filter++;
  }
  filter_cleanup(&f);
}

static void test_smoke(void) {
  char buf[512];
  struct payment p;
  memset(&p, 0, sizeof p);
  static char id[] = "65f1a2b3c4d5e6f7a8b9c0d1";
  static char desc[] = "maria 12:00";
  p.id = id;
  p.description = desc;
  p.status = PAYMENT_STATUS_SETTLED;
  p.type = PAYMENT_TYPE_REFUND;
  p.total.minor = 12345;
  memcpy(p.total.currency, "USD", 4);
  p.created_at = INT64_C(1735732800000);

  for (int i = 0; i < ITERATIONS; i++) {
    size_t len = i % 2 ? make_input(buf, sizeof buf)
                       : make_number(buf, sizeof buf);
    check_money(buf);
    check_sanitize(buf, len);
    check_filter(buf, &p);
  }
  CHECK_INT(failures_money, 0);
  CHECK_INT(failures_sanitize, 0);
  CHECK_INT(failures_filter, 0);
  /* The generator reaches both sides of every parser. */
  fprintf(stderr, "  money accepted %d, filters accepted %d, dirty %d\n",
          accepted_money, accepted_filter, dirty_text);
  CHECK(accepted_money > 1000);
  CHECK(accepted_filter > 1000 && accepted_filter < ITERATIONS - 1000);
  CHECK(dirty_text > 1000 && dirty_text < ITERATIONS - 1000);
}

/* Every single byte and every 2-byte sequence through the sanitizer. */
static void test_exhaustive_short(void) {
  int bad = 0;
  for (int a = 1; a < 256; a++) {
    for (int b = 0; b < 256; b++) {
      char in[3] = {(char)a, (char)b, 0};
      char *out = sanitize_text(in);
      if (!output_is_safe((const unsigned char *)out))
        bad++;
      free(out);
    }
  }
  CHECK_INT(bad, 0);
}

TEST_LIST = {
    {"smoke", test_smoke},
    {"exhaustive_short", test_exhaustive_short},
    {NULL, NULL},
};
