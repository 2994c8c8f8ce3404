/*
 * canvas - cell grid, clipping and width-correct text. See canvas.h.
 *
 * Invariant: a cell with width 2 is always followed (in the same row) by a
 * continuation cell of width 0, and a continuation is always preceded by a
 * wide cell. set_cell() keeps this when a write overlaps half of a wide
 * character by blanking the other half.
 */
#include "ui/canvas.h"

#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "core/xalloc.h"

/* Decodes one UTF-8 sequence from s (n bytes available). Returns its
 * length (1..4) and *cp, or 1 with *cp = 0xFFFD on an invalid byte. */
static size_t utf8_next(const char *s, size_t n, uint32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  size_t len;
  uint32_t v;
  if (u[0] < 0x80) {
    *cp = u[0];
    return 1;
  }
  if ((u[0] & 0xE0) == 0xC0) {
    len = 2;
    v = u[0] & 0x1Fu;
  } else if ((u[0] & 0xF0) == 0xE0) {
    len = 3;
    v = u[0] & 0x0Fu;
  } else if ((u[0] & 0xF8) == 0xF0) {
    len = 4;
    v = u[0] & 0x07u;
  } else {
    *cp = 0xFFFD;
    return 1;
  }
  if (len > n) {
    *cp = 0xFFFD;
    return 1;
  }
  for (size_t i = 1; i < len; i++) {
    if ((u[i] & 0xC0) != 0x80) {
      *cp = 0xFFFD;
      return 1;
    }
    v = (v << 6) | (u[i] & 0x3Fu);
  }
  if ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) ||
      (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
      (v >= 0xD800 && v <= 0xDFFF)) {
    *cp = 0xFFFD;
    return 1;
  }
  *cp = v;
  return len;
}

/* Columns of one code point: -1 for control (drawn as '?'), 0 for a
 * combining mark, else 1 or 2. */
static int cp_width(uint32_t cp, bool ascii) {
  if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
    return -1;
  /* bidi controls reorder what follows on the terminal: never pass one
   * through, even if a caller forgot to sanitise */
  if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
      cp == 0x200E || cp == 0x200F || cp == 0x061C)
    return -1;
  if (cp < 0x80 || ascii)
    return 1;
  int w = wcwidth((wchar_t)cp);
  if (w < 0)
    return 1; /* unknown in this locale: draw one '?'-like column */
  return w > 2 ? 2 : w;
}

struct canvas *canvas_new(int w, int h) {
  struct canvas *c = xcalloc(1, sizeof *c);
  canvas_resize(c, w, h);
  return c;
}

void canvas_free(struct canvas **cp) {
  if (cp == NULL || *cp == NULL)
    return;
  free((*cp)->cells);
  free(*cp);
  *cp = NULL;
}

void canvas_resize(struct canvas *c, int w, int h) {
  if (w < 1)
    w = 1;
  if (h < 1)
    h = 1;
  free(c->cells);
  c->w = w;
  c->h = h;
  c->cells = xcalloc((size_t)w * (size_t)h, sizeof *c->cells);
  canvas_clear(c, ROLE_NORMAL);
}

static struct canvas_cell *cell(struct canvas *c, int x, int y) {
  return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

const struct canvas_cell *canvas_cell_at(const struct canvas *c, int x, int y) {
  if (x < 0 || y < 0 || x >= c->w || y >= c->h)
    return NULL;
  return &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
}

static void blank(struct canvas_cell *k, uint8_t role) {
  k->text[0] = ' ';
  k->text[1] = '\0';
  k->width = 1;
  k->role = role;
}

/* Writes one grapheme of `width` (1 or 2) at (x, y); the caller has
 * checked that x + width <= c->w. */
static void set_cell(struct canvas *c, int x, int y, const char *g, size_t glen,
                     int width, enum ui_role role) {
  struct canvas_cell *k = cell(c, x, y);
  /* Overwriting the right half of a wide char: blank its left half. */
  if (k->width == 0 && x > 0)
    blank(cell(c, x - 1, y), cell(c, x - 1, y)->role);
  /* Overwriting the left half of a wide char with a narrow one. */
  int end = x + width; /* first cell after what we write */
  if (end < c->w && cell(c, end, y)->width == 0)
    blank(cell(c, end, y), cell(c, end, y)->role);
  if (glen >= CANVAS_CELL_BYTES)
    glen = CANVAS_CELL_BYTES - 1;
  memcpy(k->text, g, glen);
  k->text[glen] = '\0';
  k->width = (uint8_t)width;
  k->role = (uint8_t)role;
  if (width == 2) {
    struct canvas_cell *r = cell(c, x + 1, y);
    r->text[0] = '\0';
    r->width = 0;
    r->role = (uint8_t)role;
  }
}

void canvas_clear(struct canvas *c, enum ui_role role) {
  for (size_t i = 0; i < (size_t)c->w * (size_t)c->h; i++)
    blank(&c->cells[i], (uint8_t)role);
}

void canvas_fill(struct canvas *c, int x, int y, int w, int h,
                 enum ui_role role) {
  for (int r = y; r < y + h; r++) {
    if (r < 0 || r >= c->h)
      continue;
    for (int col = x; col < x + w; col++) {
      if (col < 0 || col >= c->w)
        continue;
      set_cell(c, col, r, " ", 1, 1, role);
    }
  }
}

void canvas_set_role(struct canvas *c, int x, int y, int w, enum ui_role role) {
  if (y < 0 || y >= c->h)
    return;
  for (int col = x; col < x + w; col++) {
    if (col < 0 || col >= c->w)
      continue;
    cell(c, col, y)->role = (uint8_t)role;
  }
}

int canvas_text_width(const char *s, bool ascii) {
  int w = 0;
  if (s == NULL)
    return 0;
  size_t n = strlen(s);
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    i += utf8_next(s + i, n - i, &cp);
    int cw = cp_width(cp, ascii);
    w += cw < 0 ? 1 : cw;
  }
  return w;
}

/* One grapheme: base code point plus following zero-width marks. Fills
 * buf (ASCII stand-ins where needed) and returns bytes consumed. */
static size_t next_grapheme(const char *s, size_t n, bool ascii, char *buf,
                            size_t *blen, int *width) {
  uint32_t cp;
  size_t used = utf8_next(s, n, &cp);
  int w = cp_width(cp, ascii);
  if (w < 0 || cp == 0xFFFD || (ascii && cp >= 0x80)) {
    buf[0] = '?';
    *blen = 1;
    *width = 1;
  } else if (w == 0) {
    /* A combining mark with no base: show it on a space. */
    buf[0] = ' ';
    memcpy(buf + 1, s, used);
    *blen = 1 + used;
    *width = 1;
  } else {
    memcpy(buf, s, used);
    *blen = used;
    *width = w;
  }
  /* Attach following combining marks while they fit. */
  while (!ascii && used < n) {
    uint32_t next;
    size_t l = utf8_next(s + used, n - used, &next);
    if (next == 0xFFFD || cp_width(next, false) != 0)
      break;
    if (*blen + l < CANVAS_CELL_BYTES) {
      memcpy(buf + *blen, s + used, l);
      *blen += l;
    }
    used += l;
  }
  return used;
}

int canvas_text(struct canvas *c, int x, int y, int maxw, const char *s,
                enum ui_role role) {
  if (s == NULL || y < 0 || y >= c->h || x >= c->w || maxw <= 0)
    return 0;
  if (x < 0) {
    maxw += x;
    x = 0;
    if (maxw <= 0)
      return 0;
  }
  int limit = maxw < c->w - x ? maxw : c->w - x;
  int total = canvas_text_width(s, c->ascii);
  bool cut = total > limit;
  int room = cut ? limit - 1 : limit; /* leave a column for the ellipsis */
  int used = 0;
  size_t n = strlen(s);
  char g[CANVAS_CELL_BYTES];
  for (size_t i = 0; i < n;) {
    size_t glen;
    int w;
    size_t adv = next_grapheme(s + i, n - i, c->ascii, g, &glen, &w);
    if (used + w > room)
      break;
    set_cell(c, x + used, y, g, glen, w, role);
    used += w;
    i += adv;
  }
  if (cut && limit > 0) {
    if (c->ascii)
      set_cell(c, x + used, y, "~", 1, 1, role);
    else
      set_cell(c, x + used, y, "\xe2\x80\xa6", 3, 1, role);
    used++;
  }
  return used;
}

int canvas_text_right(struct canvas *c, int x_end, int y, int maxw,
                      const char *s, enum ui_role role) {
  int w = canvas_text_width(s, c->ascii);
  if (w > maxw)
    w = maxw;
  return canvas_text(c, x_end - w, y, w, s, role);
}

int canvas_text_wrap(struct canvas *c, int x, int y, int w, int h,
                     const char *s, enum ui_role role) {
  if (s == NULL || w <= 0 || h <= 0)
    return 0;
  size_t n = strlen(s), pos = 0;
  int row = 0;
  char *line = xmalloc(n + 1);
  while (pos < n && row < h) {
    while (pos < n && s[pos] == ' ')
      pos++;
    if (row == h - 1) {
      canvas_text(c, x, y + row, w, s + pos, role);
      row++;
      break;
    }
    /* take graphemes while they fit; remember the last space */
    size_t end = pos, last_space = 0;
    int used = 0;
    while (end < n) {
      uint32_t cp;
      size_t len = utf8_next(s + end, n - end, &cp);
      int cw = cp_width(cp, c->ascii);
      if (cw < 0)
        cw = 1;
      if (used + cw > w)
        break;
      if (cp == ' ')
        last_space = end;
      used += cw;
      end += len;
    }
    if (end < n && last_space > pos)
      end = last_space;
    memcpy(line, s + pos, end - pos);
    line[end - pos] = '\0';
    canvas_text(c, x, y + row, w, line, role);
    row++;
    pos = end;
  }
  free(line);
  return row;
}

int canvas_printf(struct canvas *c, int x, int y, int maxw, enum ui_role role,
                  const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  return canvas_text(c, x, y, maxw, buf, role);
}

void canvas_hline(struct canvas *c, int x, int y, int w, enum ui_role role) {
  if (y < 0 || y >= c->h)
    return;
  for (int col = x; col < x + w; col++) {
    if (col < 0 || col >= c->w)
      continue;
    if (c->ascii)
      set_cell(c, col, y, "-", 1, 1, role);
    else
      set_cell(c, col, y, "\xe2\x94\x80", 3, 1, role);
  }
}

static void put_glyph(struct canvas *c, int x, int y, const char *uni,
                      const char *asc, enum ui_role role) {
  if (x < 0 || y < 0 || x >= c->w || y >= c->h)
    return;
  if (c->ascii)
    set_cell(c, x, y, asc, strlen(asc), 1, role);
  else
    set_cell(c, x, y, uni, strlen(uni), 1, role);
}

void canvas_box(struct canvas *c, int x, int y, int w, int h,
                enum ui_role role) {
  if (w < 2 || h < 2)
    return;
  canvas_hline(c, x + 1, y, w - 2, role);
  canvas_hline(c, x + 1, y + h - 1, w - 2, role);
  for (int r = y + 1; r < y + h - 1; r++) {
    put_glyph(c, x, r, "\xe2\x94\x82", "|", role);
    put_glyph(c, x + w - 1, r, "\xe2\x94\x82", "|", role);
  }
  put_glyph(c, x, y, "\xe2\x94\x8c", "+", role);
  put_glyph(c, x + w - 1, y, "\xe2\x94\x90", "+", role);
  put_glyph(c, x, y + h - 1, "\xe2\x94\x94", "+", role);
  put_glyph(c, x + w - 1, y + h - 1, "\xe2\x94\x98", "+", role);
}

static char *dump(const struct canvas *c, bool roles) {
  size_t cap = (size_t)c->h * ((size_t)c->w * CANVAS_CELL_BYTES + 1) + 1;
  char *out = xmalloc(cap);
  size_t len = 0;
  for (int y = 0; y < c->h; y++) {
    size_t line_start = len;
    size_t last_nonspace = len;
    for (int x = 0; x < c->w; x++) {
      const struct canvas_cell *k =
          &c->cells[(size_t)y * (size_t)c->w + (size_t)x];
      if (k->width == 0)
        continue;
      if (roles) {
        out[len++] = (char)('a' + k->role);
        if (k->width == 2)
          out[len++] = (char)('a' + k->role);
        last_nonspace = len;
      } else {
        size_t l = strlen(k->text);
        memcpy(out + len, k->text, l);
        len += l;
        if (!(l == 1 && k->text[0] == ' '))
          last_nonspace = len;
      }
    }
    if (!roles)
      len = last_nonspace > line_start ? last_nonspace : line_start;
    out[len++] = '\n';
  }
  out[len] = '\0';
  return out;
}

char *canvas_dump(const struct canvas *c) {
  return dump(c, false);
}

char *canvas_dump_roles(const struct canvas *c) {
  return dump(c, true);
}
