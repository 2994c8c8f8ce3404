/*
 * jsonfmt - JSON pretty printer and flattener for display. See jsonfmt.h.
 */
#include "ui/jsonfmt.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

#define MAX_DEPTH 64

struct reader {
  const char *s;
  size_t pos, len;
  bool bad;
  /* pretty */
  struct strbuf *out;
  /* flatten */
  struct jsonfmt_pair *pairs;
  size_t npairs, cap;
};

static void skip_ws(struct reader *r) {
  while (r->pos < r->len && (r->s[r->pos] == ' ' || r->s[r->pos] == '\t' ||
                             r->s[r->pos] == '\n' || r->s[r->pos] == '\r'))
    r->pos++;
}

/* Scans a string token starting at '"'; returns its end (after the
 * closing quote) or sets bad. */
static size_t scan_string(struct reader *r) {
  size_t p = r->pos + 1;
  while (p < r->len) {
    if (r->s[p] == '\\')
      p += 2;
    else if (r->s[p] == '"')
      return p + 1;
    else
      p++;
  }
  r->bad = true;
  return r->len;
}

static int hexval(char ch) {
  if (ch >= '0' && ch <= '9')
    return ch - '0';
  if (ch >= 'a' && ch <= 'f')
    return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F')
    return ch - 'A' + 10;
  return -1;
}

static void put_utf8(struct strbuf *sb, uint32_t cp) {
  char b[4];
  size_t n;
  if (cp < 0x80) {
    b[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    b[0] = (char)(0xC0 | (cp >> 6));
    b[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    b[0] = (char)(0xE0 | (cp >> 12));
    b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    b[0] = (char)(0xF0 | (cp >> 18));
    b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  strbuf_append(sb, b, n);
}

static uint32_t read_u4(const char *s) {
  uint32_t v = 0;
  for (int i = 0; i < 4; i++) {
    int h = hexval(s[i]);
    if (h < 0)
      return 0xFFFD;
    v = (v << 4) | (uint32_t)h;
  }
  return v;
}

/* Decodes the string token [a, b) (including quotes) and sanitises. */
static char *decode_string(const char *a, const char *b) {
  struct strbuf sb;
  strbuf_init(&sb, 0);
  for (const char *p = a + 1; p < b - 1; p++) {
    if (*p != '\\') {
      strbuf_append(&sb, p, 1);
      continue;
    }
    p++;
    if (p >= b - 1)
      break;
    switch (*p) {
    case 'n':
      strbuf_append(&sb, "\n", 1);
      break;
    case 't':
      strbuf_append(&sb, "\t", 1);
      break;
    case 'r':
      strbuf_append(&sb, "\r", 1);
      break;
    case 'b':
      strbuf_append(&sb, "\b", 1);
      break;
    case 'f':
      strbuf_append(&sb, "\f", 1);
      break;
    case 'u': {
      if (b - 1 - p < 5) {
        p = b - 2;
        break;
      }
      uint32_t cp = read_u4(p + 1);
      p += 4;
      if (cp >= 0xD800 && cp <= 0xDBFF && b - 1 - p >= 7 && p[1] == '\\' &&
          p[2] == 'u') {
        uint32_t lo = read_u4(p + 3);
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          p += 6;
        }
      }
      if (cp >= 0xD800 && cp <= 0xDFFF)
        cp = 0xFFFD;
      if (cp == 0)
        strbuf_append(&sb, "^@", 2);
      else
        put_utf8(&sb, cp);
      break;
    }
    default:
      strbuf_append(&sb, p, 1);
      break;
    }
  }
  char *raw = strbuf_detach(&sb);
  char *clean = sanitize_text(raw);
  free(raw);
  return clean;
}

static void indent(struct reader *r, int depth) {
  strbuf_puts(r->out, "\n");
  for (int i = 0; i < depth; i++)
    strbuf_puts(r->out, "  ");
}

static void add_pair(struct reader *r, const char *path, char *value) {
  if (r->npairs == r->cap) {
    r->cap = r->cap ? r->cap * 2 : 32;
    r->pairs = xreallocarray(r->pairs, r->cap, sizeof r->pairs[0]);
  }
  r->pairs[r->npairs].path = sanitize_text(path);
  r->pairs[r->npairs].value = value;
  r->npairs++;
}

static void value(struct reader *r, int depth, const char *path);

static void container(struct reader *r, int depth, const char *path,
                      bool object) {
  char close = object ? '}' : ']';
  r->pos++;
  if (r->out)
    strbuf_puts(r->out, object ? "{" : "[");
  skip_ws(r);
  if (r->pos < r->len && r->s[r->pos] == close) {
    r->pos++;
    if (r->out)
      strbuf_append(r->out, &close, 1);
    else
      add_pair(r, path, xstrdup(object ? "{}" : "[]"));
    return;
  }
  for (size_t index = 0; !r->bad; index++) {
    skip_ws(r);
    char *child;
    if (object) {
      if (r->pos >= r->len || r->s[r->pos] != '"') {
        r->bad = true;
        return;
      }
      size_t end = scan_string(r);
      char *key = decode_string(r->s + r->pos, r->s + end);
      if (r->out) {
        indent(r, depth + 1);
        strbuf_append(r->out, r->s + r->pos, end - r->pos);
        strbuf_puts(r->out, ": ");
      }
      child = *path ? xasprintf("%s.%s", path, key) : xstrdup(key);
      free(key);
      r->pos = end;
      skip_ws(r);
      if (r->pos >= r->len || r->s[r->pos] != ':') {
        free(child);
        r->bad = true;
        return;
      }
      r->pos++;
    } else {
      if (r->out)
        indent(r, depth + 1);
      child = xasprintf("%s[%zu]", path, index);
    }
    skip_ws(r);
    value(r, depth + 1, child);
    free(child);
    skip_ws(r);
    if (r->pos < r->len && r->s[r->pos] == ',') {
      r->pos++;
      if (r->out)
        strbuf_puts(r->out, ",");
      continue;
    }
    if (r->pos < r->len && r->s[r->pos] == close) {
      r->pos++;
      if (r->out) {
        indent(r, depth);
        strbuf_append(r->out, &close, 1);
      }
      return;
    }
    r->bad = true;
  }
}

static void value(struct reader *r, int depth, const char *path) {
  skip_ws(r);
  if (r->pos >= r->len || depth > MAX_DEPTH) {
    r->bad = true;
    return;
  }
  char ch = r->s[r->pos];
  if (ch == '{' || ch == '[') {
    container(r, depth, path, ch == '{');
    return;
  }
  size_t start = r->pos, end;
  if (ch == '"') {
    end = scan_string(r);
  } else {
    end = start;
    while (end < r->len && r->s[end] != ',' && r->s[end] != '}' &&
           r->s[end] != ']' && r->s[end] != ' ' && r->s[end] != '\n' &&
           r->s[end] != '\r' && r->s[end] != '\t')
      end++;
    if (end == start) {
      r->bad = true;
      return;
    }
  }
  if (r->out)
    strbuf_append(r->out, r->s + start, end - start);
  else if (ch == '"')
    add_pair(r, path, decode_string(r->s + start, r->s + end));
  else
    add_pair(r, path, sanitize_bytes(r->s + start, end - start));
  r->pos = end;
}

static size_t split_lines(const char *text, char ***lines) {
  size_t n = 0, cap = 16;
  char **out = xmalloc(cap * sizeof *out);
  const char *p = text;
  for (;;) {
    const char *nl = strchr(p, '\n');
    size_t l = nl ? (size_t)(nl - p) : strlen(p);
    if (n == cap) {
      cap *= 2;
      out = xreallocarray(out, cap, sizeof *out);
    }
    out[n++] = sanitize_bytes(p, l);
    if (nl == NULL)
      break;
    p = nl + 1;
  }
  *lines = out;
  return n;
}

size_t jsonfmt_pretty(const char *json, char ***lines) {
  struct strbuf sb;
  strbuf_init(&sb, 0);
  struct reader r = {
      .s = json ? json : "", .len = json ? strlen(json) : 0, .out = &sb};
  value(&r, 0, "");
  skip_ws(&r);
  size_t n;
  if (r.bad || r.pos != r.len)
    n = split_lines(r.s, lines); /* not JSON: show it as text */
  else
    n = split_lines(strbuf_str(&sb), lines);
  strbuf_cleanup(&sb);
  return n;
}

void jsonfmt_free_lines(char **lines, size_t n) {
  if (lines == NULL)
    return;
  for (size_t i = 0; i < n; i++)
    free(lines[i]);
  free(lines);
}

size_t jsonfmt_flatten(const char *json, struct jsonfmt_pair **pairs) {
  struct reader r = {.s = json ? json : "", .len = json ? strlen(json) : 0};
  value(&r, 0, "");
  *pairs = r.pairs;
  return r.npairs;
}

void jsonfmt_free_pairs(struct jsonfmt_pair *pairs, size_t n) {
  if (pairs == NULL)
    return;
  for (size_t i = 0; i < n; i++) {
    free(pairs[i].path);
    free(pairs[i].value);
  }
  free(pairs);
}
