/*
 * sha256 - a small portable SHA-256 (FIPS 180-4) for showing the digest of
 * a file before it is uploaded. Display only: the upload itself is the
 * app layer's business.
 */
#ifndef DESK_UI_SHA256_H
#define DESK_UI_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
  uint32_t h[8];
  uint64_t bits;
  unsigned char block[64];
  size_t used;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t n);
/* Writes 64 lowercase hex digits and a NUL into hex (>= 65 bytes). */
void sha256_final_hex(struct sha256 *s, char *hex);
/* Digest of a file; returns 0, or -1 when it cannot be read. */
int sha256_file_hex(const char *path, char *hex, long long *size);

#endif
