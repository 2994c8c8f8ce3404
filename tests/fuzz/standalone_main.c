/*
 * standalone_main - run a libFuzzer harness without libFuzzer: each file
 * named on the command line is fed once to LLVMFuzzerTestOneInput. Lets gcc
 * builds replay a corpus or a crash file (see README.md).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    FILE *fp = fopen(argv[i], "rb");
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0, n;
    if (fp == NULL) {
      perror(argv[i]);
      return 1;
    }
    do {
      if (len == cap) {
        cap = cap ? cap * 2 : 4096;
        buf = xrealloc(buf, cap);
      }
      n = fread(buf + len, 1, cap - len, fp);
      len += n;
    } while (n > 0);
    fclose(fp);
    LLVMFuzzerTestOneInput(buf, len);
    free(buf);
  }
  return 0;
}
