/*
 * sandbox_demo_json - JSON text written directly; see sandbox_demo_int.h.
 */
#include "sandbox/sandbox_demo_int.h"

/* ---- direct JSON writing ---------------------------------------------
 * Demo payments are written as JSON text directly (not through cJSON
 * trees): a million of them must be generated in well under a minute.
 * The output has the same shape as sandbox_store_new_payment() plus the
 * fields the lifecycle adds. */

void sandbox_demo_json_str(struct strbuf *o, const char *s) {
  static const char hex[] = "0123456789abcdef";
  if (s == NULL) {
    strbuf_append(o, "null", 4);
    return;
  }
  strbuf_append(o, "\"", 1);
  const char *run = s;
  for (const char *p = s; *p; p++) {
    unsigned char ch = (unsigned char)*p;
    if (ch >= 0x20 && ch != '"' && ch != '\\')
      continue;
    strbuf_append(o, run, (size_t)(p - run));
    char esc[7] = {'\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15], 0};
    switch (ch) {
    case '"':
      strbuf_append(o, "\\\"", 2);
      break;
    case '\\':
      strbuf_append(o, "\\\\", 2);
      break;
    case '\n':
      strbuf_append(o, "\\n", 2);
      break;
    case '\r':
      strbuf_append(o, "\\r", 2);
      break;
    case '\t':
      strbuf_append(o, "\\t", 2);
      break;
    default:
      strbuf_append(o, esc, 6);
      break;
    }
    run = p + 1;
  }
  strbuf_puts(o, run);
  strbuf_append(o, "\"", 1);
}

/* ,"key": */
void sandbox_demo_json_key(struct strbuf *o, const char *key) {
  if (o->len && o->buf[o->len - 1] != '{' && o->buf[o->len - 1] != '[')
    strbuf_append(o, ",", 1);
  strbuf_append(o, "\"", 1);
  strbuf_puts(o, key);
  strbuf_append(o, "\":", 2);
}

void sandbox_demo_json_kv(struct strbuf *o, const char *key, const char *v) {
  sandbox_demo_json_key(o, key);
  sandbox_demo_json_str(o, v);
}

/* "YYYY-MM-DDTHH:MM:SS.mmmZ" for ms >= 0 (days-to-civil, H. Hinnant);
 * the same text as time_format_iso8601, without printf. */
static void iso_fast(int64_t ms, char out[25]) {
  int64_t days = ms / 86400000;
  int64_t rem = ms % 86400000;
  int64_t z = days + 719468;
  int64_t era = z / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t dd = doy - (153 * mp + 2) / 5 + 1;
  int64_t mm = mp < 10 ? mp + 3 : mp - 9;
  if (mm <= 2)
    y++;
  int64_t v[7] = {
      y, mm, dd, rem / 3600000, rem / 60000 % 60, rem / 1000 % 60, rem % 1000};
  static const int width[7] = {4, 2, 2, 2, 2, 2, 3};
  static const char sep[7] = {'-', '-', 'T', ':', ':', '.', 'Z'};
  int pos = 0;
  for (int i = 0; i < 7; i++) {
    int64_t x = v[i];
    for (int k = width[i] - 1; k >= 0; k--) {
      out[pos + k] = (char)('0' + x % 10);
      x /= 10;
    }
    pos += width[i];
    out[pos++] = sep[i];
  }
  out[pos] = '\0';
}

void sandbox_demo_json_time(struct strbuf *o, const char *key, int64_t ms) {
  char ts[32];
  sandbox_demo_json_key(o, key);
  if (ms < 0) {
    strbuf_append(o, "null", 4);
    return;
  }
  iso_fast(ms, ts);
  strbuf_append(o, "\"", 1);
  strbuf_append(o, ts, 24);
  strbuf_append(o, "\"", 1);
}
