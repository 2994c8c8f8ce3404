/*
 * bench_sandbox_demogen - time the sandbox's demo data generation.
 *
 * Generates N payments (default 1,000,000; first argument overrides) into a
 * temporary database, the way `conomy-sandbox --demo-data N` does, and
 * prints the wall time and the rate. The contract asks for under a minute
 * for a million payments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sandbox/sandbox.h"
#include "sandbox/sandbox_demo.h"

int main(int argc, char **argv) {
  struct sandbox_opts opts;
  struct sandbox *sb = NULL;
  char *cause = NULL;
  long n = 1000000;
  if (argc > 1) {
    char *end = NULL;
    n = strtol(argv[1], &end, 10);
    if (end == argv[1] || *end != '\0' || n <= 0) {
      fprintf(stderr, "usage: bench_sandbox_demogen [N]\n");
      return 2;
    }
  }
  sandbox_opts_defaults(&opts);
  opts.seed = 1;
  opts.seed_set = true;
  if (sandbox_open(&opts, &sb, &cause) != 0) {
    fprintf(stderr, "bench_sandbox_demogen: %s\n", cause);
    free(cause);
    sandbox_free(&sb);
    return 1;
  }
  snprintf(sb->base_url, sizeof(sb->base_url), "http://127.0.0.1:0/sandbox");
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int rc = sandbox_demo_generate(sb, n, 1, &cause);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double s =
      (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  if (rc != 0) {
    fprintf(stderr, "bench_sandbox_demogen: %s\n", cause);
    free(cause);
  } else {
    printf("demo generation: %ld payments in %.2f s (%.0f payments/s)%s\n", n,
           s, (double)n / s,
           n >= 1000000 ? (s < 60.0 ? " [under 1 min: ok]" : " [OVER 1 min]")
                        : "");
  }
  sandbox_free(&sb);
  return rc == 0 ? 0 : 1;
}
