/*
 * sandbox_rand - the sandbox's deterministic random source.
 *
 * A splitmix64 generator behind a mutex. Seeded from --seed (or from
 * /dev/urandom without it), it produces credentials, ids, trace ids and
 * fault decisions, so one seed gives one reproducible sandbox. Not for
 * cryptography beyond test credentials.
 */
#ifndef SANDBOX_RAND_H
#define SANDBOX_RAND_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

struct sandbox_rand {
  uint64_t state;
  pthread_mutex_t mu;
};

/* Initialise with a seed. */
void sandbox_rand_init(struct sandbox_rand *r, uint64_t seed);
void sandbox_rand_cleanup(struct sandbox_rand *r);
/* A seed from /dev/urandom (falls back to time and pid). */
uint64_t sandbox_rand_os_seed(void);
/* Next 64 random bits. Thread-safe. */
uint64_t sandbox_rand_u64(struct sandbox_rand *r);
/* Uniform integer in [0, n); n > 0. */
uint64_t sandbox_rand_below(struct sandbox_rand *r, uint64_t n);
/* True with probability permille/1000. */
int sandbox_rand_chance(struct sandbox_rand *r, unsigned permille);
/* Fill buf with n lowercase hex digits and a NUL (buf holds n + 1). */
void sandbox_rand_hex(struct sandbox_rand *r, char *buf, size_t n);
/* A version-4 UUID string; buf holds at least 37 bytes. */
void sandbox_rand_uuid(struct sandbox_rand *r, char *buf);
/* Unlocked splitmix64 step on a caller-owned state (for one thread). */
uint64_t sandbox_rand_step(uint64_t *state);

#endif
