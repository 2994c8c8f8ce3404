/*
 * app_params - see app_params.h. JSON string escaping per RFC 8259: quote,
 * backslash and control characters are escaped; everything else is copied.
 */
#include "app/app_params.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"

void app_params_begin(struct strbuf *sb) {
  strbuf_puts(sb, "{");
}

static void put_json_string(struct strbuf *sb, const char *s) {
  strbuf_puts(sb, "\"");
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\')
      strbuf_printf(sb, "\\%c", *p);
    else if (*p < 0x20 || *p == 0x7f)
      strbuf_printf(sb, "\\u%04x", *p);
    else
      strbuf_append(sb, p, 1);
  }
  strbuf_puts(sb, "\"");
}

void app_params_add(struct strbuf *sb, const char *key, const char *value) {
  if (value == NULL)
    return;
  if (sb->len > 1)
    strbuf_puts(sb, ",");
  put_json_string(sb, key);
  strbuf_puts(sb, ":");
  put_json_string(sb, value);
}

void app_params_end(struct strbuf *sb) {
  strbuf_puts(sb, "}");
}

static int hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* Read a JSON string starting after its opening quote; *end is set after
 * the closing quote. Only the escapes put_json_string writes (\" \\ \uXXXX
 * below 0x80) are decoded. Returns NULL on malformed input. */
static char *read_string(const char *p, const char **end) {
  size_t cap = strlen(p) + 1, o = 0;
  char *out = xmalloc(cap);
  while (*p && *p != '"') {
    if (*p == '\\') {
      p++;
      if (*p == 'u') {
        int v = 0;
        for (int i = 1; i <= 4; i++) {
          int h = hexval(p[i]);
          if (h < 0) {
            free(out);
            return NULL;
          }
          v = v * 16 + h;
        }
        out[o++] = (char)v;
        p += 5;
        continue;
      }
      if (*p == '\0')
        break;
    }
    out[o++] = *p++;
  }
  if (*p != '"') {
    free(out);
    return NULL;
  }
  out[o] = '\0';
  *end = p + 1;
  return out;
}

char *app_params_get(const char *json, const char *key) {
  if (json == NULL || *json != '{')
    return NULL;
  const char *p = json + 1;
  while (*p == '"') {
    const char *after = NULL;
    char *k = read_string(p + 1, &after);
    if (k == NULL || *after != ':' || after[1] != '"') {
      free(k);
      return NULL;
    }
    char *v = read_string(after + 2, &after);
    if (v == NULL) {
      free(k);
      return NULL;
    }
    bool match = strcmp(k, key) == 0;
    free(k);
    if (match)
      return v;
    free(v);
    p = after;
    if (*p == ',')
      p++;
  }
  return NULL;
}
