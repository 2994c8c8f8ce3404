/*
 * sandbox_clock - the sandbox's own notion of time.
 *
 * Sandbox time starts at the real time when the server starts (or later, if
 * the database already holds later timestamps) and then runs at
 * `scale_milli / 1000` times real speed; an operator can also jump it
 * forward. Settlement, expiry of unassigned topups, webhook retries and the
 * idempotency window all read this clock, so a test can make 48 hours pass
 * in seconds. Thread-safe. Time never goes backwards.
 */
#ifndef SANDBOX_CLOCK_H
#define SANDBOX_CLOCK_H

#include <pthread.h>
#include <stdint.h>

struct sandbox_clock {
  pthread_mutex_t mu;
  int64_t real_base_ms;    /* real time at the last rebase */
  int64_t sandbox_base_ms; /* sandbox time at the last rebase */
  int64_t scale_milli;     /* 1000 = real speed */
  int64_t last_ms;         /* monotonic guard */
};

/* Real wall-clock time in ms since the epoch. */
int64_t sandbox_clock_real_ms(void);
/* Start at max(real now, not_before_ms), running at scale_milli/1000. */
void sandbox_clock_init(struct sandbox_clock *c, int64_t scale_milli,
                        int64_t not_before_ms);
void sandbox_clock_cleanup(struct sandbox_clock *c);
/* Current sandbox time in ms; strictly non-decreasing. */
int64_t sandbox_clock_now(struct sandbox_clock *c);
/* Jump forward by delta_ms (ignored when <= 0). Returns the new time. */
int64_t sandbox_clock_advance(struct sandbox_clock *c, int64_t delta_ms);
/* Change the speed from now on. */
void sandbox_clock_set_scale(struct sandbox_clock *c, int64_t scale_milli);
/* Real milliseconds until sandbox time reaches `target_ms` (0 if past). */
int64_t sandbox_clock_real_delay(struct sandbox_clock *c, int64_t target_ms);

#endif
