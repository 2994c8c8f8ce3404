/*
 * file_digest - SHA-256 of a file through OpenSSL. See file_digest.h.
 */
#include "api/file_digest.h"

#include <stdio.h>

#include <openssl/evp.h>

int file_digest_sha256(const char *path, int64_t max_bytes, char hex[65],
                       int64_t *size) {
  FILE *f = fopen(path, "rb");
  if (f == NULL)
    return -1;
  EVP_MD_CTX *ctx = EVP_MD_CTX_new();
  if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
    EVP_MD_CTX_free(ctx);
    fclose(f);
    return -1;
  }
  unsigned char buf[65536];
  int64_t total = 0;
  int rc = 0;
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
    total += (int64_t)n;
    if (total > max_bytes) {
      rc = -2;
      break;
    }
    if (EVP_DigestUpdate(ctx, buf, n) != 1) {
      rc = -1;
      break;
    }
  }
  if (rc == 0 && ferror(f))
    rc = -1;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int mdlen = 0;
  if (rc == 0 && (EVP_DigestFinal_ex(ctx, md, &mdlen) != 1 || mdlen != 32))
    rc = -1;
  EVP_MD_CTX_free(ctx);
  fclose(f);
  *size = total;
  if (rc != 0)
    return rc;
  static const char digits[] = "0123456789abcdef";
  for (unsigned int i = 0; i < 32; i++) {
    hex[2 * i] = digits[md[i] >> 4];
    hex[2 * i + 1] = digits[md[i] & 15];
  }
  hex[64] = '\0';
  return 0;
}
