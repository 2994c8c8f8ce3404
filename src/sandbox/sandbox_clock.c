/*
 * sandbox_clock - scaled, forward-only sandbox time; see sandbox_clock.h.
 */
#include "sandbox/sandbox_clock.h"

#include <time.h>

int64_t sandbox_clock_real_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void sandbox_clock_init(struct sandbox_clock *c, int64_t scale_milli,
                        int64_t not_before_ms) {
  int64_t now = sandbox_clock_real_ms();
  pthread_mutex_init(&c->mu, NULL);
  c->real_base_ms = now;
  c->sandbox_base_ms = now > not_before_ms ? now : not_before_ms + 1;
  c->scale_milli = scale_milli > 0 ? scale_milli : 1000;
  c->last_ms = c->sandbox_base_ms;
}

void sandbox_clock_cleanup(struct sandbox_clock *c) {
  pthread_mutex_destroy(&c->mu);
}

static int64_t clock_now_locked(struct sandbox_clock *c) {
  int64_t real = sandbox_clock_real_ms();
  int64_t t =
      c->sandbox_base_ms + (real - c->real_base_ms) * c->scale_milli / 1000;
  if (t < c->last_ms)
    t = c->last_ms;
  c->last_ms = t;
  return t;
}

int64_t sandbox_clock_now(struct sandbox_clock *c) {
  pthread_mutex_lock(&c->mu);
  int64_t t = clock_now_locked(c);
  pthread_mutex_unlock(&c->mu);
  return t;
}

int64_t sandbox_clock_advance(struct sandbox_clock *c, int64_t delta_ms) {
  pthread_mutex_lock(&c->mu);
  int64_t t = clock_now_locked(c);
  if (delta_ms > 0) {
    t += delta_ms;
    c->real_base_ms = sandbox_clock_real_ms();
    c->sandbox_base_ms = t;
    c->last_ms = t;
  }
  pthread_mutex_unlock(&c->mu);
  return t;
}

void sandbox_clock_set_scale(struct sandbox_clock *c, int64_t scale_milli) {
  pthread_mutex_lock(&c->mu);
  int64_t t = clock_now_locked(c);
  c->real_base_ms = sandbox_clock_real_ms();
  c->sandbox_base_ms = t;
  c->scale_milli = scale_milli > 0 ? scale_milli : 1000;
  pthread_mutex_unlock(&c->mu);
}

int64_t sandbox_clock_real_delay(struct sandbox_clock *c, int64_t target_ms) {
  pthread_mutex_lock(&c->mu);
  int64_t t = clock_now_locked(c);
  int64_t scale = c->scale_milli;
  pthread_mutex_unlock(&c->mu);
  if (target_ms <= t)
    return 0;
  return (target_ms - t) * 1000 / scale + 1;
}
