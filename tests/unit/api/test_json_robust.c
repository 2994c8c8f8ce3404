/*
 * Seeded mutation run over every JSON fixture: flipped bytes, truncations,
 * inserted junk, strings turned into numbers. Every mapper must answer
 * API_OK or API_ERR_PARSE, never crash (ASan/UBSan build), and on API_OK
 * hand back a record that keeps its invariants.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api/http.h"
#include "api/json_account.h"
#include "api/json_customer.h"
#include "api/json_payment.h"
#include "api/webhook.h"
#include "test.h"

static uint64_t rng = 0x243F6A8885A308D3ULL;

static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf;
  long n;
  if (f == NULL)
    return NULL;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  buf = malloc((size_t)n + 64);
  if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
    fclose(f);
    free(buf);
    return NULL;
  }
  fclose(f);
  *len = (size_t)n;
  return buf;
}

static void mutate(char *buf, size_t *len, size_t cap) {
  static const char junk[] = "{}[]\",:0123456789.-eE\\u\x1b\x00\xff tnfl";
  size_t n = *len;
  switch (next() % 5) {
  case 0: /* flip a byte */
    if (n)
      buf[next() % n] = junk[next() % (sizeof(junk) - 1)];
    break;
  case 1: /* truncate */
    if (n)
      *len = next() % n;
    break;
  case 2: /* insert a byte */
    if (n + 1 < cap) {
      size_t at = n ? next() % n : 0;
      memmove(buf + at + 1, buf + at, n - at);
      buf[at] = junk[next() % (sizeof(junk) - 1)];
      *len = n + 1;
    }
    break;
  case 3: { /* a string value becomes a number: "x" -> 12 */
    for (size_t tries = 0; tries < 8 && n > 2; tries++) {
      size_t at = next() % n;
      char *q = memchr(buf + at, ':', n - at);
      if (q && q + 2 < buf + n && q[1] == ' ' && q[2] == '"') {
        q[2] = '1';
        break;
      }
      if (q && q + 1 < buf + n && q[1] == '"') {
        q[1] = '2';
        break;
      }
    }
    break;
  }
  default: /* delete a byte */
    if (n) {
      size_t at = next() % n;
      memmove(buf + at, buf + at + 1, n - at - 1);
      *len = n - 1;
    }
  }
}

static void check_payment(const struct payment *p) {
  CHECK(p->id != NULL && p->id[0] != '\0');
  CHECK(p->raw_json != NULL);
  CHECK((int)p->status >= 0 && p->status < PAYMENT_STATUS_COUNT_);
  CHECK((int)p->type >= 0 && p->type < PAYMENT_TYPE_COUNT_);
  CHECK(strlen(p->total.currency) < sizeof(p->total.currency));
}

static void run_one(const char *text, size_t len) {
  struct payment p;
  struct api_error err;
  struct webhook_event ev;
  enum api_err rc;
  cJSON *root;

  api_error_clear(&err);
  rc = json_payment_parse(text, len, &p, &err);
  CHECK(rc == API_OK || rc == API_ERR_PARSE);
  if (rc == API_OK) {
    check_payment(&p);
    payment_cleanup(&p);
  } else {
    CHECK(err.detail[0] != '\0');
    CHECK(p.id == NULL && p.raw_json == NULL);
  }
  root = cJSON_ParseWithLength(text, len);
  if (root) {
    struct payment_list l = {0};
    struct customer_list cl = {0};
    struct account_list al = {0};
    struct api_page pg;
    rc = json_payment_list(root, 50, 0, &l, &pg, NULL, &err);
    CHECK(rc == API_OK || rc == API_ERR_PARSE);
    if (rc == API_OK) {
      CHECK_INT(pg.count, (int64_t)l.count);
      CHECK(!pg.has_next || pg.next_offset > pg.offset);
      for (size_t i = 0; i < l.count; i++)
        check_payment(&l.items[i]);
    } else {
      CHECK_INT(l.count, 0);
    }
    payment_list_cleanup(&l);
    rc = json_customer_list(root, 50, 0, &cl, &pg, NULL, &err);
    CHECK(rc == API_OK || rc == API_ERR_PARSE);
    customer_list_cleanup(&cl);
    rc = json_account_list(root, 50, 0, &al, &pg, NULL, &err);
    CHECK(rc == API_OK || rc == API_ERR_PARSE);
    account_list_cleanup(&al);
    cJSON_Delete(root);
  }
  rc = webhook_event_parse(text, len, &ev, &err);
  CHECK(rc == API_OK || rc == API_ERR_PARSE);
  if (rc == API_OK) {
    CHECK(ev.event_type != NULL && ev.dedup_key != NULL);
    webhook_event_cleanup(&ev);
  }
  api_error_clear(&err);
  http_parse_error_body(text, len, &err);
  CHECK(strlen(err.detail) < sizeof(err.detail));
}

static void test_mutations(void) {
  const char *dir = getenv("TESTS_DIR");
  char path[512];
  DIR *d;
  struct dirent *e;
  int files = 0;
  snprintf(path, sizeof(path), "%s/fixtures/api", dir ? dir : ".");
  d = opendir(path);
  CHECK(d != NULL);
  if (d == NULL)
    return;
  while ((e = readdir(d)) != NULL) {
    size_t n = strlen(e->d_name), len = 0;
    char file[1024], *orig, *buf;
    if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
      continue;
    snprintf(file, sizeof(file), "%s/%s", path, e->d_name);
    orig = slurp(file, &len);
    CHECK(orig != NULL);
    if (orig == NULL)
      continue;
    files++;
    buf = malloc(len + 64);
    run_one(orig, len);
    for (int i = 0; i < 1500; i++) {
      size_t blen = len;
      memcpy(buf, orig, len);
      for (uint64_t k = 1 + next() % 3; k > 0; k--)
        mutate(buf, &blen, len + 64);
      run_one(buf, blen);
    }
    free(buf);
    free(orig);
  }
  closedir(d);
  CHECK(files >= 15);
}

TEST_LIST = {{"mutations", test_mutations}, {NULL, NULL}};
