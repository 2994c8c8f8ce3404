/*
 * prompt - see prompt.h.
 */
#include "ui/prompt.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/sanitize.h"
#include "core/xalloc.h"
#include "ui/keymap.h"

void prompt_init(struct prompt *p) {
  memset(p, 0, sizeof *p);
}

void prompt_cleanup(struct prompt *p) {
  for (size_t i = 0; i < p->nhistory; i++)
    free(p->history[i]);
  memset(p, 0, sizeof *p);
}

void prompt_open(struct prompt *p, char kind, const char *initial) {
  p->active = true;
  p->kind = kind;
  snprintf(p->buf, sizeof p->buf, "%s", initial ? initial : "");
  snprintf(p->saved, sizeof p->saved, "%s", p->buf);
  p->hist_pos = p->nhistory;
}

void prompt_history_add(struct prompt *p, const char *line) {
  if (line == NULL || *line == '\0')
    return;
  if (p->nhistory > 0 && strcmp(p->history[p->nhistory - 1], line) == 0)
    return;
  if (p->nhistory == PROMPT_HISTORY) {
    free(p->history[0]);
    memmove(p->history, p->history + 1,
            (PROMPT_HISTORY - 1) * sizeof p->history[0]);
    p->nhistory--;
  }
  p->history[p->nhistory++] = xstrdup(line);
}

static size_t utf8_encode(int cp, char *out) {
  unsigned u = (unsigned)cp;
  if (u < 0x80) {
    out[0] = (char)u;
    return 1;
  }
  if (u < 0x800) {
    out[0] = (char)(0xC0 | (u >> 6));
    out[1] = (char)(0x80 | (u & 0x3F));
    return 2;
  }
  if (u < 0x10000) {
    out[0] = (char)(0xE0 | (u >> 12));
    out[1] = (char)(0x80 | ((u >> 6) & 0x3F));
    out[2] = (char)(0x80 | (u & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (u >> 18));
  out[1] = (char)(0x80 | ((u >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((u >> 6) & 0x3F));
  out[3] = (char)(0x80 | (u & 0x3F));
  return 4;
}

bool prompt_edit(char *buf, size_t cap, int key) {
  size_t len = strlen(buf);
  if (key == UI_KEY_BACKSPACE) {
    if (len == 0)
      return false;
    len--;
    while (len > 0 && ((unsigned char)buf[len] & 0xC0) == 0x80)
      len--;
    buf[len] = '\0';
    return true;
  }
  if (key == 21) { /* C-u */
    bool changed = len > 0;
    buf[0] = '\0';
    return changed;
  }
  if (key == 23) { /* C-w */
    size_t l = len;
    while (l > 0 && buf[l - 1] == ' ')
      l--;
    while (l > 0 && buf[l - 1] != ' ')
      l--;
    buf[l] = '\0';
    return l != len;
  }
  /* printable only: no controls, no C1, no special keys */
  if (key < 0x20 || key == 0x7F || (key >= 0x80 && key < 0xA0) ||
      key >= 0x110000 || (key >= 0xD800 && key <= 0xDFFF))
    return false;
  char enc[4];
  size_t n = utf8_encode(key, enc);
  if (len + n + 1 > cap)
    return false;
  memcpy(buf + len, enc, n);
  buf[len + n] = '\0';
  return true;
}

enum prompt_result prompt_key(struct prompt *p, int key) {
  if (key == UI_KEY_ESC) {
    p->active = false;
    return PROMPT_CANCEL;
  }
  if (key == '\n') {
    p->active = false;
    if (p->kind == ':')
      prompt_history_add(p, p->buf);
    return PROMPT_SUBMIT;
  }
  if ((key == UI_KEY_UP || key == UI_KEY_DOWN) && p->kind == ':') {
    if (key == UI_KEY_UP && p->hist_pos > 0)
      p->hist_pos--;
    else if (key == UI_KEY_DOWN && p->hist_pos < p->nhistory)
      p->hist_pos++;
    else
      return PROMPT_CONTINUE;
    snprintf(p->buf, sizeof p->buf, "%s",
             p->hist_pos < p->nhistory ? p->history[p->hist_pos] : "");
    return PROMPT_CHANGED;
  }
  return prompt_edit(p->buf, sizeof p->buf, key) ? PROMPT_CHANGED
                                                 : PROMPT_CONTINUE;
}

void prompt_draw(const struct prompt *p, struct canvas *c, int y,
                 int *cursor_x) {
  char lead[2] = {p->kind, '\0'};
  canvas_fill(c, 0, y, c->w, 1, ROLE_NORMAL);
  int x = canvas_text(c, 0, y, c->w, lead, ROLE_PROMPT);
  /* typed text is the user's own, but may contain anything pasted */
  char *clean = sanitize_text(p->buf);
  int tw = canvas_text_width(clean, c->ascii);
  int room = c->w - x - 1;
  const char *show = clean;
  /* keep the end (where the cursor is) visible */
  while (tw > room && *show) {
    show++;
    while (((unsigned char)*show & 0xC0) == 0x80)
      show++;
    tw = canvas_text_width(show, c->ascii);
  }
  x += canvas_text(c, x, y, room, show, ROLE_INPUT);
  free(clean);
  *cursor_x = x;
}

size_t prompt_complete_path(char *buf, size_t cap) {
  char dir[PROMPT_MAX * 2], base[PROMPT_MAX];
  const char *slash = strrchr(buf, '/');
  const char *home = getenv("HOME");
  if (buf[0] == '~' && (buf[1] == '/' || buf[1] == '\0') && home) {
    char tmp[PROMPT_MAX * 2];
    snprintf(tmp, sizeof tmp, "%s%s", home, buf + 1);
    snprintf(buf, cap, "%s", tmp);
    slash = strrchr(buf, '/');
  }
  if (slash) {
    snprintf(dir, sizeof dir, "%.*s", (int)(slash - buf + 1), buf);
    snprintf(base, sizeof base, "%s", slash + 1);
  } else {
    snprintf(dir, sizeof dir, "./");
    snprintf(base, sizeof base, "%s", buf);
  }
  DIR *d = opendir(dir);
  if (d == NULL)
    return 0;
  size_t blen = strlen(base), matches = 0;
  char common[PROMPT_MAX] = "";
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strncmp(e->d_name, base, blen) != 0)
      continue;
    if (e->d_name[0] == '.' && (blen == 0 || base[0] != '.'))
      continue;
    if (matches == 0) {
      snprintf(common, sizeof common, "%s", e->d_name);
    } else {
      size_t i = 0;
      while (common[i] && common[i] == e->d_name[i])
        i++;
      common[i] = '\0';
    }
    matches++;
  }
  closedir(d);
  if (matches == 0)
    return 0;
  char out[PROMPT_MAX * 3];
  snprintf(out, sizeof out, "%s%s", slash ? dir : "", common);
  if (matches == 1) {
    struct stat st;
    char full[PROMPT_MAX * 3];
    snprintf(full, sizeof full, "%s%s", dir, common);
    size_t ol = strlen(out);
    if (stat(full, &st) == 0 && S_ISDIR(st.st_mode) && ol + 1 < sizeof out) {
      out[ol] = '/';
      out[ol + 1] = '\0';
    }
  }
  if (strlen(out) < cap)
    snprintf(buf, cap, "%s", out);
  return matches;
}
