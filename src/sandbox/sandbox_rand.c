/*
 * sandbox_rand - splitmix64 behind a mutex; see sandbox_rand.h.
 */
#include "sandbox/sandbox_rand.h"

#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

uint64_t sandbox_rand_step(uint64_t *state) {
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void sandbox_rand_init(struct sandbox_rand *r, uint64_t seed) {
  r->state = seed;
  pthread_mutex_init(&r->mu, NULL);
}

void sandbox_rand_cleanup(struct sandbox_rand *r) {
  pthread_mutex_destroy(&r->mu);
}

uint64_t sandbox_rand_os_seed(void) {
  uint64_t seed = 0;
  int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ssize_t n = read(fd, &seed, sizeof(seed));
    close(fd);
    if (n == (ssize_t)sizeof(seed))
      return seed;
  }
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^
         (uint64_t)getpid();
}

uint64_t sandbox_rand_u64(struct sandbox_rand *r) {
  pthread_mutex_lock(&r->mu);
  uint64_t v = sandbox_rand_step(&r->state);
  pthread_mutex_unlock(&r->mu);
  return v;
}

uint64_t sandbox_rand_below(struct sandbox_rand *r, uint64_t n) {
  return n ? sandbox_rand_u64(r) % n : 0;
}

int sandbox_rand_chance(struct sandbox_rand *r, unsigned permille) {
  if (permille == 0)
    return 0;
  if (permille >= 1000)
    return 1;
  return sandbox_rand_below(r, 1000) < permille;
}

void sandbox_rand_hex(struct sandbox_rand *r, char *buf, size_t n) {
  static const char digits[] = "0123456789abcdef";
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++) {
    if (i % 16 == 0)
      v = sandbox_rand_u64(r);
    buf[i] = digits[v & 15];
    v >>= 4;
  }
  buf[n] = '\0';
}

void sandbox_rand_uuid(struct sandbox_rand *r, char *buf) {
  char h[33];
  sandbox_rand_hex(r, h, 32);
  h[12] = '4';
  h[16] = "89ab"[(h[16] - '0') & 3];
  snprintf(buf, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12, h + 16,
           h + 20);
}
