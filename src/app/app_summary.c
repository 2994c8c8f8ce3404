/*
 * app_summary - the figures that read every matching row (counts, sums by
 * status, the daily volume), computed by a background reader so that the
 * caller's thread only ever does index range reads. See app.h.
 *
 * One slot per list holds the latest request and the latest result. The
 * reader thread starts on the first request, opens its own cache
 * connection (WAL: it reads beside the UI and the sync), and computes the
 * slots whose request changed, newest request first come first served.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#ifdef __linux__
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "app/app_internal.h"
#include "cache/cache_customers.h"
#include "cache/cache_payments.h"
#include "cache/cache_totals.h"
#include "core/xalloc.h"

#define DAY_MS (24LL * 3600 * 1000)

struct summary_slot {
  char *filter_text; /* request */
  char *parent_id;
  int64_t now_ms;
  uint64_t want;     /* request number; done == want when computed */
  uint64_t done;
  bool urgent;       /* other figures asked for: compute at once */
  int64_t done_ms;   /* when the slot was last computed */
  struct app_summary result;
};

struct app_summarizer {
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  bool stop;
  struct cache *cache; /* the reader's connection while open (mu) */
  struct summary_slot slot[APP_LIST_COUNT_];
  atomic_uint_least64_t seq;
};

static bool same(const char *a, const char *b) {
  return strcmp(a ? a : "", b ? b : "") == 0;
}

/* The payments figures: totals by status and currency, and the spark. */
static void compute_payments(struct cache *c, const struct filter *f,
                             int64_t now_ms, struct app_summary *r) {
  struct cache_totals t = {0};
  enum cache_err ce = cache_payments_totals(c, f, &t);
  if (ce == CACHE_OK) {
    int64_t best = -1;
    for (size_t i = 0; i < t.count; i++) {
      int64_t n = 0;
      for (size_t j = 0; j < t.count; j++)
        if (strcmp(t.items[j].currency, t.items[i].currency) == 0)
          n += t.items[j].count;
      if (n > best) {
        best = n;
        snprintf(r->totals.main_currency, sizeof r->totals.main_currency,
                 "%s", t.items[i].currency);
      }
    }
    for (size_t i = 0; i < t.count; i++) {
      const struct cache_total *x = &t.items[i];
      r->totals.total += x->count;
      r->totals.by_status[x->status] += x->count;
      if (strcmp(x->currency, r->totals.main_currency) == 0 &&
          __builtin_add_overflow(r->totals.main_minor[x->status], x->minor,
                                 &r->totals.main_minor[x->status]))
        r->totals.main_minor[x->status] = 0; /* shown as absent */
    }
    r->count = r->totals.total;
    int64_t day0 = (now_ms / DAY_MS - (APP_SPARK_DAYS - 1)) * DAY_MS;
    ce = cache_payments_daily(c, f, day0, APP_SPARK_DAYS, r->spark);
  }
  cache_totals_cleanup(&t);
  if (ce != CACHE_OK) {
    r->failed = true;
    snprintf(r->error, sizeof r->error, "counting payments: %s",
             cache_strerror(ce));
  }
}

static void compute(struct cache *c, enum app_list list, const char *text,
                    const char *parent, int64_t now_ms,
                    struct app_summary *r) {
  memset(r, 0, sizeof *r);
  if (list == APP_LIST_CUSTOMERS) { /* a free text, not a filter */
    enum cache_err ce = cache_customers_count(c, text, &r->count);
    r->failed = ce != CACHE_OK;
    if (r->failed)
      snprintf(r->error, sizeof r->error, "counting customers: %s",
               cache_strerror(ce));
    r->ready = !r->failed;
    return;
  }
  struct filter f;
  char why[200];
  if (filter_parse(text, &f, why, sizeof why) != CORE_OK) {
    r->failed = true;
    snprintf(r->error, sizeof r->error, "filter: %s", why);
    return;
  }
  if (list == APP_LIST_PAYMENTS) {
    compute_payments(c, &f, now_ms, r);
  } else {
    enum cache_err ce = cache_payments_list_count(c, (enum cache_list)list,
                                                  &f, parent, &r->count);
    if (ce != CACHE_OK) {
      r->failed = true;
      snprintf(r->error, sizeof r->error, "counting: %s", cache_strerror(ce));
    }
  }
  r->ready = !r->failed;
  filter_cleanup(&f);
}

/* The next slot to compute now (mu held), or -1; *wait_ms is how long
 * until a throttled one is due (-1: none pending). A slot asked again for
 * the same figures (the cache changed) waits until FIGURES_GAP_MS after
 * its last computation: a long sync changes the cache every second. */
#define FIGURES_GAP_MS 3000
static int pending_slot(struct app_summarizer *s, int64_t now,
                        int64_t *wait_ms) {
  *wait_ms = -1;
  for (int i = 0; i < APP_LIST_COUNT_; i++) {
    struct summary_slot *sl = &s->slot[i];
    if (sl->done == sl->want)
      continue;
    int64_t due = sl->urgent ? 0 : sl->done_ms + FIGURES_GAP_MS - now;
    if (due <= 0)
      return i;
    if (*wait_ms < 0 || due < *wait_ms)
      *wait_ms = due;
  }
  return -1;
}

static void wait_ms(pthread_cond_t *cv, pthread_mutex_t *mu, int64_t ms) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_sec += ms / 1000;
  ts.tv_nsec += (ms % 1000) * 1000000L;
  if (ts.tv_nsec >= 1000000000L) {
    ts.tv_sec++;
    ts.tv_nsec -= 1000000000L;
  }
  pthread_cond_timedwait(cv, mu, &ts);
}

/* The reader's figures can wait; the keys cannot: on Linux, where a
 * thread has its own nice value, the reader yields the CPU to the UI
 * thread (and to anything interactive) when both want it. */
static void lower_priority(void) {
#ifdef __linux__
  (void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
#endif
}

static void *reader_main(void *arg) {
  struct app *a = arg;
  lower_priority();
  struct app_summarizer *s = a->summary;
  struct cache *c = NULL;
  char *cause = NULL;
  enum cache_err oe = cache_open(a->cache_path, &c, &cause);
  free(cause);
  pthread_mutex_lock(&s->mu);
  s->cache = c;
  while (!s->stop) {
    int64_t due = -1;
    int i = pending_slot(s, app_now_ms(), &due);
    if (i < 0) {
      if (due < 0)
        pthread_cond_wait(&s->cv, &s->mu);
      else
        wait_ms(&s->cv, &s->mu, due);
      continue;
    }
    struct summary_slot *sl = &s->slot[i];
    uint64_t want = sl->want;
    sl->urgent = false;
    char *text = sl->filter_text ? xstrdup(sl->filter_text) : NULL;
    char *parent = sl->parent_id ? xstrdup(sl->parent_id) : NULL;
    int64_t now = sl->now_ms;
    pthread_mutex_unlock(&s->mu);
    struct app_summary r;
    if (oe == CACHE_OK) {
      compute(c, (enum app_list)i, text, parent, now, &r);
    } else {
      memset(&r, 0, sizeof r);
      r.failed = true;
      snprintf(r.error, sizeof r.error, "cache: %s", cache_strerror(oe));
    }
    pthread_mutex_lock(&s->mu);
    sl->done_ms = app_now_ms();
    if (sl->want == want)
      sl->done = want;
    else if (!same(text, sl->filter_text) || !same(parent, sl->parent_id))
      r.ready = false; /* figures of an older filter: computed again next */
    sl->result = r;
    atomic_fetch_add(&s->seq, 1);
    free(text);
    free(parent);
  }
  s->cache = NULL;
  pthread_mutex_unlock(&s->mu);
  cache_close(&c);
  return NULL;
}

static struct app_summarizer *summarizer(struct app *a) {
  if (a->summary)
    return a->summary;
  struct app_summarizer *s = xcalloc(1, sizeof *s);
  pthread_mutex_init(&s->mu, NULL);
  pthread_cond_init(&s->cv, NULL);
  a->summary = s;
  if (pthread_create(&s->thread, NULL, reader_main, a) != 0) {
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv);
    free(s);
    a->summary = NULL;
  }
  return a->summary;
}

void app_summary_request(struct app *a, enum app_list list,
                         const char *filter_text, const char *parent_id,
                         int64_t now_ms, bool again) {
  if (a == NULL || list < 0 || list >= APP_LIST_COUNT_)
    return;
  struct app_summarizer *s = summarizer(a);
  if (s == NULL)
    return;
  pthread_mutex_lock(&s->mu);
  struct summary_slot *sl = &s->slot[list];
  bool changed = sl->want == 0 || !same(sl->filter_text, filter_text) ||
                 !same(sl->parent_id, parent_id) ||
                 now_ms / DAY_MS != sl->now_ms / DAY_MS;
  if (changed || again) {
    free(sl->filter_text);
    free(sl->parent_id);
    sl->filter_text = filter_text ? xstrdup(filter_text) : NULL;
    sl->parent_id = parent_id ? xstrdup(parent_id) : NULL;
    sl->now_ms = now_ms;
    sl->want++;
    if (changed) {
      sl->result.ready = false; /* other figures: not these */
      sl->urgent = true;
    }
    pthread_cond_signal(&s->cv);
  }
  pthread_mutex_unlock(&s->mu);
}

void app_summary_get(struct app *a, enum app_list list,
                     struct app_summary *out) {
  memset(out, 0, sizeof *out);
  if (a == NULL || a->summary == NULL || list < 0 || list >= APP_LIST_COUNT_)
    return;
  pthread_mutex_lock(&a->summary->mu);
  *out = a->summary->slot[list].result;
  pthread_mutex_unlock(&a->summary->mu);
}

uint64_t app_summary_seq(struct app *a) {
  return a && a->summary ? atomic_load(&a->summary->seq) : 0;
}

void app_summary_stop(struct app *a) {
  struct app_summarizer *s = a->summary;
  if (s == NULL)
    return;
  pthread_mutex_lock(&s->mu);
  s->stop = true;
  /* a count over a million rows takes seconds: quitting does not wait */
  cache_interrupt(s->cache);
  pthread_cond_broadcast(&s->cv);
  pthread_mutex_unlock(&s->mu);
  pthread_join(s->thread, NULL);
  for (int i = 0; i < APP_LIST_COUNT_; i++) {
    free(s->slot[i].filter_text);
    free(s->slot[i].parent_id);
  }
  pthread_mutex_destroy(&s->mu);
  pthread_cond_destroy(&s->cv);
  free(s);
  a->summary = NULL;
}
