/*
 * app_text - JSON renderings and file digests through the api layer. See
 * app_text.h.
 */
#include "app/app_text.h"

#include <sys/stat.h>

#include "api/api_documents.h"
#include "api/file_digest.h"
#include "api/json_view.h"

size_t app_json_lines(const char *json, char ***lines) {
  return json_view_pretty(json, lines);
}

size_t app_json_fields(const char *json, struct json_field **fields) {
  return json_view_flatten(json, fields);
}

char *app_json_quote(const char *s) {
  return json_view_quote(s);
}

int64_t app_upload_max_bytes(void) {
  return API_DOCUMENT_MAX_BYTES;
}

enum app_file_check app_file_digest(const char *path, char hex[65],
                                    int64_t *size) {
  struct stat st;
  *size = 0;
  if (path == NULL || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
    return APP_FILE_UNREADABLE;
  switch (file_digest_sha256(path, API_DOCUMENT_MAX_BYTES, hex, size)) {
  case 0:
    return APP_FILE_OK;
  case -2:
    return APP_FILE_TOO_LARGE;
  default:
    return APP_FILE_UNREADABLE;
  }
}
