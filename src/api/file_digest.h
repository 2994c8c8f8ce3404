/*
 * file_digest - the SHA-256 of a file (OpenSSL EVP), shown before a file is
 * uploaded so the reviewer can compare it with the one they expect.
 */
#ifndef DESK_API_FILE_DIGEST_H
#define DESK_API_FILE_DIGEST_H

#include <stdint.h>

/* Reads at most max_bytes + 1 bytes of path. Writes 64 lowercase hex digits
 * and a NUL into hex (>= 65 bytes) and the file's size into *size.
 * Returns 0; -1 when the file cannot be read; -2 when it is larger than
 * max_bytes (*size then holds at least max_bytes + 1). */
int file_digest_sha256(const char *path, int64_t max_bytes, char hex[65],
                       int64_t *size);

#endif
