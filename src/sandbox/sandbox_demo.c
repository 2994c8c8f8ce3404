/*
 * sandbox_demo - demo data generator; see sandbox_demo.h. The tables, the
 * random helpers, the plans, the history built by worker threads and the
 * entry point live here; sandbox_demo_int.h lists the other modules.
 */
#include "sandbox/sandbox_demo.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/currency.h"
#include "core/money.h"
#include "core/xalloc.h"
#include "sandbox/sandbox_demo_int.h"

const struct demo_cur sandbox_demo_currencies[SANDBOX_DEMO_NCUR] = {
    {"CLP",
     "CL",
     "CHL",
     {"ETPAY", "FINTOC", "WEBPAY"},
     3,
     1000,
     900000,
     "RUT",
     "+56",
     "BANK_ACCOUNT"},
    {"ARS",
     "AR",
     "ARG",
     {"CVU", "PCT"},
     2,
     500,
     800000,
     "CUIT",
     "+54",
     "BANK_ACCOUNT"},
    {"MXN", "MX", "MEX", {"SPEI"}, 1, 50, 18000, "RFC", "+52", "SPEI"},
    {"COP",
     "CO",
     "COL",
     {"PSE", "NEQUI", "BANCOLOMBIA"},
     3,
     10000,
     3500000,
     "CC",
     "+57",
     "BREB"},
    {"BRL", "BR", "BRA", {"PIX"}, 1, 10, 4500, "CPF", "+55", "PIX"},
    {"USD", "US", "USA", {"ACH", "WIRE"}, 2, 5, 900, "SSN", "+1", "ACH"},
    {"PEN", "PE", "PER", {"LIGO"}, 1, 10, 3500, "DNI", "+51", "BANK_ACCOUNT"},
    {"EUR", "ES", "ESP", {"SEPA"}, 1, 5, 900, "NIE", "+34", "SEPA"},
    {"USDC", "US", "USA", {"CRYPTO"}, 1, 5, 900, "SSN", "+1", "CRYPTO"},
};
const struct demo_name sandbox_demo_names[] = {
    {"Mallory\x1b]0;pwned\x07", "Escape"},
    {"Eve\x1b[2J", "Wiper"},
    {"Trudy \xe2\x80\xae"
     "fdp.exe",
     "Override"},
    {"José", "Muñoz"},
    {"María", "Fernández"},
    {"王", "芳"},
    {"Дмитрий", "Иванов"},
    {"محمد", "العلي"},
    {"田中", "太郎"},
    {"김", "민준"},
    {"Ελένη", "Παπαδοπούλου"},
    {"नरेश", "कुमार"},
    {"יעל", "כהן"},
    {"João", "Gonçalves"},
    {"Çağla", "Öztürk"},
    {"François", "Lefèvre"},
    {"Zoë", "Ångström"},
    {"Łukasz", "Wójcik"},
    {"Thảo", "Nguyễn"},
    {"Björk", "Guðmundsdóttir"},
    {"Sebastián", "Pérez"},
    {"Ñuño", "Ibáñez"},
    {"Anaïs", "Dubois"},
    {"Carlos", "Nuevo"},
    {"Lucía", "Rodríguez"},
    {"Ольга", "Смирнова"},
    {"فاطمة", "الزهراء"},
    {"山田", "花子"},
    {"李", "雷"},
    {"Søren", "Kierkegård"},
    {"Valentina", "Castro"},
    {"Mateo", "González"},
    {"Camila", "Silva"},
    {"Diego", "Ramírez"},
    {"Ana", "Souza"},
};
const char *const sandbox_demo_descriptions[] = {
    "Order #", "Wallet top-up ",    "Invoice ",  "Subscription ",
    "Payout ", "Marketplace sale ", "Transfer ", "Remittance ",
};

const int sandbox_demo_nnames =
    (int)(sizeof(sandbox_demo_names) / sizeof(sandbox_demo_names[0]));
const size_t sandbox_demo_ndescriptions =
    sizeof(sandbox_demo_descriptions) / sizeof(sandbox_demo_descriptions[0]);
_Static_assert(sizeof(sandbox_demo_currencies) /
                       sizeof(sandbox_demo_currencies[0]) ==
                   SANDBOX_DEMO_NCUR,
               "SANDBOX_DEMO_NCUR");

uint64_t sandbox_demo_rnd(struct demo *d, uint64_t n) {
  return n ? sandbox_rand_step(&d->rng) % n : 0;
}

void sandbox_demo_new_id(struct demo *d, int64_t ms, char out[25]) {
  /* Time-ordered like an ObjectId: seconds, a counter, random tail. */
  d->idseq++;
  snprintf(out, 25, "%08x%06x%010llx", (unsigned)(ms / 1000) & 0xffffffffu,
           (unsigned)(d->idseq & 0xffffff),
           (unsigned long long)(sandbox_rand_step(&d->rng) & 0xffffffffffULL));
}

void sandbox_demo_fmt_amount(int cur, int64_t minor, char *buf, size_t len) {
  char text[MONEY_FMT_MAX];
  snprintf(
      buf, len, "%s",
      sandbox_store_amount(minor, sandbox_demo_currencies[cur].code, text));
}

static int64_t scale_of(int cur) {
  static const int64_t pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
  int e = currency_exponent(sandbox_demo_currencies[cur].code);
  return e >= 0 && e <= 6 ? pow10[e] : 100;
}

/* A believable amount in minor units. */
int64_t sandbox_demo_rand_amount(struct demo *d, int cur) {
  const struct demo_cur *c = &sandbox_demo_currencies[cur];
  int64_t scale = scale_of(cur);
  /* Skew towards small amounts: pick a magnitude first. */
  int64_t span = c->max_major - c->min_major;
  int64_t major =
      c->min_major + (int64_t)sandbox_demo_rnd(d, (uint64_t)span / 8 + 1);
  if (sandbox_demo_rnd(d, 4) == 0)
    major = c->min_major + (int64_t)sandbox_demo_rnd(d, (uint64_t)span + 1);
  if (scale == 1)
    return (major / 10) * 10 +
           (sandbox_demo_rnd(d, 3) == 0 ? 0 : (int64_t)sandbox_demo_rnd(d, 10));
  int64_t frac = scale >= 1000000
                     ? (int64_t)sandbox_demo_rnd(d, 100) * (scale / 100)
                     : (int64_t)sandbox_demo_rnd(d, (uint64_t)scale);
  return major * scale + frac;
}

/* An amount at or above the review threshold. */
int64_t sandbox_demo_review_amount(struct demo *d, int cur) {
  int64_t t = sandbox_threshold(d->sb, sandbox_demo_currencies[cur].code);
  if (t < 0)
    return sandbox_demo_rand_amount(d, cur);
  return t + (int64_t)sandbox_demo_rnd(d, (uint64_t)t * 2 + 1);
}

void sandbox_demo_digits(struct demo *d, char *buf, int n) {
  for (int i = 0; i < n; i++)
    buf[i] = (char)('0' + sandbox_demo_rnd(d, 10));
  buf[n] = '\0';
}

/* An external rail node (pay-in origin or payout destination). */
/* The plans every demo starts with (newest payments), so that even a small
 * N shows every status. */
static const enum plan showcase[] = {
    PLAN_REVIEW_PENDING,
    PLAN_REVIEW_UPLOADED,
    PLAN_SETTLED,
    PLAN_UNASSIGNED_URGENT,
    PLAN_UNASSIGNED,
    PLAN_CREATED,
    PLAN_AUTHORIZED,
    PLAN_CAPTURED,
    PLAN_RECEIVED,
    PLAN_FAILED,
    PLAN_EXPIRED,
    PLAN_UNSETTLED,
    PLAN_SETTLED_PARTIAL_REFUNDS,
    PLAN_SETTLED_FULL_REFUND,
    PLAN_REVIEW_REJECTED,
    PLAN_REVIEW_APPROVED,
    PLAN_SETTLED_REFUND_RUNNING,
    PLAN_REVIEW_PENDING,
    PLAN_SETTLED,
    PLAN_SETTLED,
    PLAN_SETTLED,
    PLAN_SETTLED,
};
/* Types forced on some showcase items so that every type appears. */
static const char *const showcase_types[] = {
    [2] = "WITHDRAWAL_ACCOUNT", [18] = "REMITTANCE", [19] = "P2P",
    [20] = "COLLECT",           [21] = "FEE",
};
#define NSHOW ((int)(sizeof(showcase) / sizeof(showcase[0])))

static enum plan random_plan(struct demo *d) {
  uint64_t r = sandbox_demo_rnd(d, 1000);
  if (r < 470)
    return PLAN_SETTLED;
  if (r < 530)
    return PLAN_SETTLED_PARTIAL_REFUNDS;
  if (r < 570)
    return PLAN_SETTLED_FULL_REFUND;
  if (r < 630)
    return PLAN_CREATED;
  if (r < 670)
    return PLAN_AUTHORIZED;
  if (r < 720)
    return PLAN_CAPTURED;
  if (r < 800)
    return PLAN_FAILED;
  if (r < 840)
    return PLAN_EXPIRED;
  if (r < 860)
    return PLAN_UNSETTLED;
  if (r < 900)
    return PLAN_REVIEW_REJECTED;
  if (r < 940)
    return PLAN_REVIEW_APPROVED;
  return PLAN_SETTLED;
}

/* Children a plan adds besides the payment itself. */
static int plan_children(enum plan p) {
  switch (p) {
  case PLAN_SETTLED_PARTIAL_REFUNDS:
    return 2;
  case PLAN_SETTLED_FULL_REFUND:
  case PLAN_EXPIRED:
  case PLAN_SETTLED_REFUND_RUNNING:
    return 1;
  default:
    return 0;
  }
}

#define CHUNK 8192
#define LOOKAHEAD 6

/* History is generated in chunks by worker threads (each chunk with its own
 * seeded random stream, so the data does not depend on scheduling) and
 * inserted in order by the thread that holds the write transaction. */
struct demo_pool {
  pthread_mutex_t mu;
  pthread_cond_t cond;
  const struct demo *tpl;
  uint64_t seed;
  long hist; /* history payments in total */
  int64_t start, span;
  long nchunks;
  long next_claim;
  long consumed;
  bool failed;
  struct demo_rows *chunks;
  bool *ready;
};

static int gen_chunk(struct demo_pool *pool, long k, struct demo_rows *out) {
  struct demo d = *pool->tpl;
  long base = k * CHUNK;
  long len = pool->hist - base < CHUNK ? pool->hist - base : CHUNK;
  int rc = 0;
  d.out = out;
  d.c = NULL;
  d.rng = pool->seed ^ (0x9e3779b97f4a7c15ULL * (uint64_t)(k + 1));
  d.idseq = (uint64_t)base;
  d.made = 0;
  d.made_base = base;
  d.target = len;
  while (rc == 0 && d.made < len) {
    enum plan p = random_plan(&d);
    if (d.made + 1 + plan_children(p) > len)
      p = PLAN_SETTLED;
    int64_t t = pool->start + pool->span * (base + d.made) / pool->hist +
                (int64_t)sandbox_demo_rnd(&d, 60000);
    rc = sandbox_demo_payments_make(&d, p, t, 3, NULL);
  }
  return rc;
}

static void *demo_worker(void *arg) {
  struct demo_pool *pool = arg;
  pthread_mutex_lock(&pool->mu);
  for (;;) {
    while (!pool->failed && pool->next_claim < pool->nchunks &&
           pool->next_claim >= pool->consumed + LOOKAHEAD)
      pthread_cond_wait(&pool->cond, &pool->mu);
    if (pool->failed || pool->next_claim >= pool->nchunks)
      break;
    long k = pool->next_claim++;
    pthread_mutex_unlock(&pool->mu);
    struct demo_rows rows = {NULL, 0, 0};
    int rc = gen_chunk(pool, k, &rows);
    pthread_mutex_lock(&pool->mu);
    pool->chunks[k] = rows;
    pool->ready[k] = true;
    if (rc != 0)
      pool->failed = true;
    pthread_cond_broadcast(&pool->cond);
  }
  pthread_mutex_unlock(&pool->mu);
  return NULL;
}

static void free_rows(struct demo_rows *r) {
  for (int i = 0; i < r->n; i++)
    sandbox_store_row_cleanup(&r->rows[i]);
  free(r->rows);
  r->rows = NULL;
  r->n = r->cap = 0;
}

static int generate_history(struct demo *d, long hist) {
  struct demo_pool pool;
  pthread_t th[4];
  int nth = 0;
  int rc = 0;
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  int want = ncpu > 4 ? 4 : ncpu < 1 ? 1 : (int)ncpu;
  memset(&pool, 0, sizeof(pool));
  pthread_mutex_init(&pool.mu, NULL);
  pthread_cond_init(&pool.cond, NULL);
  pool.tpl = d;
  pool.seed = d->rng;
  pool.hist = hist;
  pool.start = d->now - 180 * DAY_MS;
  pool.span = 178 * DAY_MS;
  pool.nchunks = (hist + CHUNK - 1) / CHUNK;
  pool.chunks = xcalloc((size_t)pool.nchunks + 1, sizeof(*pool.chunks));
  pool.ready = xcalloc((size_t)pool.nchunks + 1, sizeof(*pool.ready));
  for (int i = 0; i < want && i < pool.nchunks; i++)
    if (pthread_create(&th[nth], NULL, demo_worker, &pool) == 0)
      nth++;
  if (nth == 0 && pool.nchunks > 0)
    rc = -1;
  for (long k = 0; rc == 0 && k < pool.nchunks; k++) {
    pthread_mutex_lock(&pool.mu);
    while (!pool.ready[k] && !pool.failed)
      pthread_cond_wait(&pool.cond, &pool.mu);
    bool failed = pool.failed;
    struct demo_rows rows = pool.chunks[k];
    memset(&pool.chunks[k], 0, sizeof(pool.chunks[k]));
    pthread_mutex_unlock(&pool.mu);
    if (failed) {
      rc = -1;
    } else {
      for (int i = 0; rc == 0 && i < rows.n; i++)
        rc = sandbox_store_put_row(d->c, d->tenant, &rows.rows[i]);
    }
    free_rows(&rows);
    pthread_mutex_lock(&pool.mu);
    pool.consumed = k + 1;
    if (rc != 0)
      pool.failed = true;
    pthread_cond_broadcast(&pool.cond);
    pthread_mutex_unlock(&pool.mu);
  }
  pthread_mutex_lock(&pool.mu);
  if (rc != 0)
    pool.failed = true;
  pthread_cond_broadcast(&pool.cond);
  pthread_mutex_unlock(&pool.mu);
  for (int i = 0; i < nth; i++)
    pthread_join(th[i], NULL);
  for (long k = 0; k < pool.nchunks; k++)
    free_rows(&pool.chunks[k]);
  free(pool.chunks);
  free(pool.ready);
  pthread_mutex_destroy(&pool.mu);
  pthread_cond_destroy(&pool.cond);
  return rc;
}

static int generate_tenant(struct demo *d, long n, int ncust) {
  int rc = sandbox_demo_parties_make(d, ncust);
  if (rc)
    return rc;
  d->target = n;
  d->made = 0;
  d->made_base = 0;
  /* Older history first, in time order; the showcase last (newest). */
  long nshow = n < NSHOW ? n : NSHOW;
  long hist = n - 2 * nshow; /* the showcase's refunds need room */
  if (hist > 0) {
    rc = generate_history(d, hist);
    d->made = hist;
    d->idseq = (uint64_t)hist + 1;
  }
  int64_t recent = d->now - 40 * HOUR_MS;
  for (int k = 0; rc == 0 && d->made < n; k++) {
    enum plan p = k < NSHOW ? showcase[k] : random_plan(d);
    if (d->made + 1 + plan_children(p) > n)
      p = PLAN_SETTLED;
    int64_t t = recent + (int64_t)k * 30 * 60000LL;
    if (p == PLAN_UNASSIGNED_URGENT)
      t = d->now - 45 * HOUR_MS;
    else if (p == PLAN_UNASSIGNED)
      t = d->now - 18 * HOUR_MS;
    else if (p == PLAN_EXPIRED)
      t = d->now - 60 * HOUR_MS;
    if (t > d->now)
      t = d->now;
    rc = sandbox_demo_payments_make(
        d, p, t, k, k < NSHOW && p == showcase[k] ? showcase_types[k] : NULL);
  }
  free(d->cust);
  d->cust = NULL;
  return rc;
}

static const char count_sql[] = "SELECT count(*) FROM payments";

int sandbox_demo_generate(struct sandbox *sb, long n, uint64_t seed,
                          char **cause) {
  struct demo d;
  int rc = 0;
  memset(&d, 0, sizeof(d));
  d.sb = sb;
  d.rng = seed ^ 0x5eed5eed5eedULL;
  d.now = sandbox_clock_now(&sb->clock);
  d.c = sandbox_db_write_begin(sb->db);
  if (d.c == NULL) {
    *cause = xstrdup("cannot write the database");
    return -1;
  }
  sqlite3_stmt *st = sandbox_db_stmt(d.c, count_sql);
  long existing = 0;
  if (st && sqlite3_step(st) == SQLITE_ROW)
    existing = (long)sqlite3_column_int64(st, 0);
  if (st)
    sqlite3_reset(st);
  if (existing > 0 || n <= 0) {
    sandbox_db_write_end(sb->db, d.c, false);
    return 0;
  }
  long ncust = n / 5;
  if (ncust < 40)
    ncust = 40;
  if (ncust > 5000)
    ncust = 5000;
  d.tenant = 0;
  rc = sandbox_db_bulk_begin(d.c) == SQLITE_OK ? 0 : -1;
  if (rc == 0)
    rc = generate_tenant(&d, n, (int)ncust);
  if (rc == 0 && sb->ntenants > 1) {
    d.tenant = 1;
    d.made = 0;
    d.nacct = 0;
    rc = generate_tenant(&d, n < 6 ? n : 6, 6);
  }
  if (rc == 0 && sandbox_db_bulk_end(d.c) != SQLITE_OK)
    rc = -1;
  if (sandbox_db_write_end(sb->db, d.c, rc == 0) != 0 || rc != 0) {
    *cause =
        xasprintf("demo data generation failed: %s", sqlite3_errmsg(d.c->db));
    sandbox_db_bulk_done(sb->db);
    return -1;
  }
  sandbox_db_bulk_done(sb->db);
  sb->checkpoint_pending = true;
  return 0;
}
