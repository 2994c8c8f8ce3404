/*
 * term - canvas -> curses, keys -> enum ui_key. The only <curses.h> user.
 */
#include "ui/term.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core/xalloc.h"
#include "ui/keymap.h"

static SCREEN *screen;
static bool active;
static bool colors;
static attr_t role_attr[ROLE_COUNT_];
static short role_pair[ROLE_COUNT_];
static struct canvas *shadow; /* what the terminal shows */
static bool invalid = true;
static size_t last_cells;

static attr_t to_curses(unsigned a) {
  attr_t r = A_NORMAL;
  if (a & THEME_ATTR_BOLD)
    r |= A_BOLD;
  if (a & THEME_ATTR_DIM)
    r |= A_DIM;
  if (a & THEME_ATTR_REVERSE)
    r |= A_REVERSE;
  if (a & THEME_ATTR_UNDERLINE)
    r |= A_UNDERLINE;
  if (a & THEME_ATTR_STANDOUT)
    r |= A_STANDOUT;
  return r;
}

static void apply_theme(const struct theme *t) {
  for (int r = 0; r < ROLE_COUNT_; r++) {
    const struct theme_style *st = &t->roles[r];
    if (!colors) {
      role_attr[r] = to_curses(st->mono_attrs);
      role_pair[r] = 0;
      continue;
    }
    short fg = st->fg, bg = st->bg;
    attr_t extra = A_NORMAL;
    if (fg >= COLORS) {
      if (fg >= 8 && fg < 16)
        extra |= A_BOLD;
      fg = (short)(fg % 8);
    }
    if (bg >= COLORS)
      bg = (short)(bg % 8);
    init_pair((short)(r + 1), fg, bg);
    role_pair[r] = (short)(r + 1);
    role_attr[r] = to_curses(st->attrs) | extra;
  }
}

int term_init(const struct theme *theme, bool use_color, char *err,
              size_t errlen) {
  if (active)
    return 0;
  screen = newterm(NULL, stdout, stdin);
  if (screen == NULL) {
    const char *t = getenv("TERM");
    snprintf(err, errlen, "cannot start the terminal UI (TERM=%s)",
             t ? t : "(unset)");
    return -1;
  }
  active = true;
  cbreak();
  noecho();
  nonl();
  keypad(stdscr, TRUE);
  intrflush(stdscr, FALSE);
  leaveok(stdscr, FALSE);
  scrollok(stdscr, FALSE);
  /* A list that moves by a row is sent as a scroll of the rows that moved
   * (curses finds it by comparing the frames) and the rows that changed:
   * with a scroll region where the terminal has one, else, with idlok,
   * with insert and delete line. */
  idlok(stdscr, TRUE);
  set_escdelay(100); /* Esc alone vs. an arrow key split over SSH */
  curs_set(0);
  colors = false;
  if (use_color && has_colors() && start_color() == OK) {
    use_default_colors();
    colors = COLOR_PAIRS > ROLE_COUNT_;
  }
  apply_theme(theme);
  invalid = true;
  return 0;
}

void term_end(void) {
  if (!active)
    return;
  active = false;
  curs_set(1);
  endwin();
  if (screen) {
    delscreen(screen);
    screen = NULL;
  }
  canvas_free(&shadow);
  fflush(stdout);
}

bool term_active(void) {
  return active;
}

bool term_colors(void) {
  return colors;
}

void term_size(int *w, int *h) {
  if (!active) {
    *w = 80;
    *h = 24;
    return;
  }
  int y, x;
  getmaxyx(stdscr, y, x);
  *w = x;
  *h = y;
}

int term_getkey(int timeout_ms) {
  wint_t ch;
  wtimeout(stdscr, timeout_ms);
  int rc = wget_wch(stdscr, &ch);
  if (rc == ERR)
    return -1;
  if (rc == KEY_CODE_YES) {
    switch (ch) {
    case KEY_UP:
      return UI_KEY_UP;
    case KEY_DOWN:
      return UI_KEY_DOWN;
    case KEY_LEFT:
      return UI_KEY_LEFT;
    case KEY_RIGHT:
      return UI_KEY_RIGHT;
    case KEY_PPAGE:
      return UI_KEY_PGUP;
    case KEY_NPAGE:
      return UI_KEY_PGDN;
    case KEY_HOME:
      return UI_KEY_HOME;
    case KEY_END:
      return UI_KEY_END;
    case KEY_BACKSPACE:
      return UI_KEY_BACKSPACE;
    case KEY_DC:
      return UI_KEY_DELETE;
    case KEY_BTAB:
      return UI_KEY_BTAB;
    case KEY_ENTER:
      return '\n';
    case KEY_RESIZE:
      return UI_KEY_RESIZE;
    default:
      if (ch >= KEY_F(1) && ch <= KEY_F(12))
        return UI_KEY_F0 + (int)(ch - KEY_F0);
      return -1;
    }
  }
  if (ch == '\r')
    return '\n';
  if (ch == 127 || ch == 8)
    return UI_KEY_BACKSPACE;
  return (int)ch;
}

/* UTF-8 grapheme -> wide string for setcchar. */
static void to_wide(const char *s, wchar_t *out, size_t max) {
  size_t n = 0;
  const unsigned char *u = (const unsigned char *)s;
  while (*u && n + 1 < max) {
    uint32_t cp;
    size_t len;
    if (u[0] < 0x80) {
      cp = u[0];
      len = 1;
    } else if ((u[0] & 0xE0) == 0xC0 && u[1]) {
      cp = ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
      len = 2;
    } else if ((u[0] & 0xF0) == 0xE0 && u[1] && u[2]) {
      cp = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
      len = 3;
    } else if ((u[0] & 0xF8) == 0xF0 && u[1] && u[2] && u[3]) {
      cp = ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) |
           ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu);
      len = 4;
    } else {
      cp = '?';
      len = 1;
    }
    /* The canvas never holds controls; be defensive anyway. */
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
      cp = '?';
    out[n++] = (wchar_t)cp;
    u += len;
  }
  if (n == 0)
    out[n++] = L' ';
  out[n] = L'\0';
}

void term_invalidate(void) {
  invalid = true;
  if (active)
    clearok(curscr, TRUE);
}

size_t term_last_blit_cells(void) {
  return last_cells;
}

void term_blit(const struct canvas *c, int cursor_x, int cursor_y,
               bool show_cursor) {
  if (!active)
    return;
  if (shadow == NULL || shadow->w != c->w || shadow->h != c->h) {
    if (shadow == NULL)
      shadow = canvas_new(c->w, c->h);
    else
      canvas_resize(shadow, c->w, c->h);
    invalid = true;
  }
  last_cells = 0;
  for (int y = 0; y < c->h; y++) {
    for (int x = 0; x < c->w; x++) {
      const struct canvas_cell *k = canvas_cell_at(c, x, y);
      struct canvas_cell *s =
          &shadow->cells[(size_t)y * (size_t)shadow->w + (size_t)x];
      if (!invalid && s->role == k->role && s->width == k->width &&
          strcmp(s->text, k->text) == 0)
        continue;
      *s = *k;
      if (k->width == 0)
        continue; /* right half of a wide char: written with its left */
      wchar_t wc[CANVAS_CELL_BYTES];
      to_wide(k->text, wc, sizeof wc / sizeof wc[0]);
      cchar_t cc;
      setcchar(&cc, wc, role_attr[k->role], role_pair[k->role], NULL);
      mvwadd_wch(stdscr, y, x, &cc);
      last_cells++;
    }
  }
  invalid = false;
  if (show_cursor && cursor_x >= 0 && cursor_y >= 0) {
    leaveok(stdscr, FALSE);
    curs_set(1);
    wmove(stdscr, cursor_y, cursor_x);
  } else {
    /* a hidden cursor stays where the last change left it: no bytes to
     * bring it back to a place nobody sees */
    leaveok(stdscr, TRUE);
    curs_set(0);
  }
  wnoutrefresh(stdscr);
  doupdate();
}

/* Base64 of n bytes into a new string. */
static char *base64(const unsigned char *u, size_t n) {
  static const char b64[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  char *enc = xmalloc((n + 2) / 3 * 4 + 1);
  size_t o = 0;
  for (size_t i = 0; i < n; i += 3) {
    uint32_t v = (uint32_t)u[i] << 16;
    if (i + 1 < n)
      v |= (uint32_t)u[i + 1] << 8;
    if (i + 2 < n)
      v |= u[i + 2];
    enc[o++] = b64[(v >> 18) & 63];
    enc[o++] = b64[(v >> 12) & 63];
    enc[o++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
    enc[o++] = i + 2 < n ? b64[v & 63] : '=';
  }
  enc[o] = '\0';
  return enc;
}

int term_osc52_text(const char *text) {
  size_t n = strlen(text);
  if (n == 0 || n > TERM_OSC52_MAX || !active)
    return -1;
  /* base64 carries any bytes; nothing of the text reaches the terminal */
  char *enc = base64((const unsigned char *)text, n);
  fprintf(stdout, "\033]52;c;%s\a", enc);
  fflush(stdout);
  free(enc);
  return 0;
}

int term_osc52(const char *text) {
  size_t n = strlen(text);
  if (n == 0 || n > 128)
    return -1;
  for (size_t i = 0; i < n; i++) {
    char ch = text[i];
    bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
              (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.';
    if (!ok)
      return -1;
  }
  return term_osc52_text(text);
}
