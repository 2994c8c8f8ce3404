/*
 * theme - role -> colour tables, built-in default and theme files.
 */
#include "ui/theme.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/xalloc.h"

static const char *const role_names[ROLE_COUNT_] = {
    [ROLE_NORMAL] = "normal",
    [ROLE_DIM] = "dim",
    [ROLE_TITLE] = "title",
    [ROLE_HEADER] = "header",
    [ROLE_SELECTED] = "selected",
    [ROLE_TAB] = "tab",
    [ROLE_TAB_ACTIVE] = "tab-active",
    [ROLE_STATUSBAR] = "statusbar",
    [ROLE_ENV_SANDBOX] = "env-sandbox",
    [ROLE_ENV_PRODUCTION] = "env-production",
    [ROLE_OK] = "ok",
    [ROLE_WARN] = "warn",
    [ROLE_ERROR] = "error",
    [ROLE_LABEL] = "label",
    [ROLE_AMOUNT] = "amount",
    [ROLE_AMOUNT_NEGATIVE] = "amount-negative",
    [ROLE_STATUS_DONE] = "status-done",
    [ROLE_STATUS_PROGRESS] = "status-progress",
    [ROLE_STATUS_REVIEW] = "status-review",
    [ROLE_STATUS_FAILED] = "status-failed",
    [ROLE_STATUS_REFUND] = "status-refund",
    [ROLE_STATUS_UNKNOWN] = "status-unknown",
    [ROLE_BORDER] = "border",
    [ROLE_DIALOG] = "dialog",
    [ROLE_BUTTON] = "button",
    [ROLE_BUTTON_FOCUS] = "button-focus",
    [ROLE_INPUT] = "input",
    [ROLE_PROMPT] = "prompt",
    [ROLE_OVERDUE] = "overdue",
    [ROLE_SPARK] = "spark",
    [ROLE_LINK] = "link",
};

const char *theme_role_name(enum ui_role r) {
  if ((int)r < 0 || r >= ROLE_COUNT_)
    return NULL;
  return role_names[r];
}

/* Built-in default: dark-friendly, 8 colours only. */
static const char default_theme_text[] =
    "title = default default bold\n"
    "title.mono = bold\n"
    "dim = default default dim\n"
    "header = default default bold underline\n"
    "header.mono = bold underline\n"
    "selected = black cyan\n"
    "selected.mono = reverse\n"
    "tab = default default\n"
    "tab-active = black white bold\n"
    "tab-active.mono = reverse bold\n"
    "statusbar = white blue\n"
    "statusbar.mono = reverse\n"
    "env-sandbox = black green bold\n"
    "env-sandbox.mono = bold\n"
    "env-production = white red bold\n"
    "env-production.mono = reverse bold blink\n"
    "ok = green default\n"
    "warn = yellow default bold\n"
    "warn.mono = bold\n"
    "error = red default bold\n"
    "error.mono = bold underline\n"
    "label = cyan default\n"
    "amount = default default bold\n"
    "amount-negative = red default bold\n"
    "status-done = green default\n"
    "status-progress = cyan default\n"
    "status-review = yellow default bold\n"
    "status-review.mono = bold\n"
    "status-failed = red default\n"
    "status-refund = magenta default\n"
    "status-unknown = default default underline\n"
    "border = blue default\n"
    "dialog = default default\n"
    "button = default default\n"
    "button-focus = black yellow bold\n"
    "button-focus.mono = reverse bold\n"
    "input = default default underline\n"
    "input.mono = underline\n"
    "prompt = yellow default bold\n"
    "prompt.mono = bold\n"
    "overdue = red default bold\n"
    "overdue.mono = bold\n"
    "spark = cyan default\n"
    "link = cyan default underline\n"
    "link.mono = underline\n";

static int parse_color(const char *w, short *out) {
  static const char *const names[] = {"black", "red",     "green", "yellow",
                                      "blue",  "magenta", "cyan",  "white"};
  if (strcasecmp(w, "default") == 0) {
    *out = -1;
    return 0;
  }
  bool bright = strncasecmp(w, "bright-", 7) == 0;
  const char *base = bright ? w + 7 : w;
  for (short i = 0; i < 8; i++) {
    if (strcasecmp(base, names[i]) == 0) {
      *out = (short)(bright ? i + 8 : i);
      return 0;
    }
  }
  char *end;
  errno = 0;
  long v = strtol(w, &end, 10);
  if (errno == 0 && *end == '\0' && end != w && v >= 0 && v <= 255) {
    *out = (short)v;
    return 0;
  }
  return -1;
}

static int parse_attr(const char *w, unsigned *attrs) {
  if (strcasecmp(w, "bold") == 0)
    *attrs |= THEME_ATTR_BOLD;
  else if (strcasecmp(w, "dim") == 0)
    *attrs |= THEME_ATTR_DIM;
  else if (strcasecmp(w, "reverse") == 0)
    *attrs |= THEME_ATTR_REVERSE;
  else if (strcasecmp(w, "underline") == 0)
    *attrs |= THEME_ATTR_UNDERLINE;
  else if (strcasecmp(w, "standout") == 0 || strcasecmp(w, "blink") == 0)
    *attrs |= THEME_ATTR_STANDOUT;
  else if (strcasecmp(w, "normal") != 0)
    return -1;
  return 0;
}

static int find_role(const char *name, size_t len) {
  for (int r = 0; r < ROLE_COUNT_; r++) {
    if (role_names[r] && strlen(role_names[r]) == len &&
        strncasecmp(role_names[r], name, len) == 0)
      return r;
  }
  return -1;
}

static int parse_line(struct theme *t, char *line, char *err, size_t errlen,
                      int lineno) {
  char *hash = strchr(line, '#');
  if (hash)
    *hash = '\0';
  char *eq = strchr(line, '=');
  char *p = line;
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '\0' || *p == '\r')
    return 0;
  if (eq == NULL) {
    snprintf(err, errlen, "line %d: expected 'role = ...'", lineno);
    return -1;
  }
  char *kend = eq;
  while (kend > p && (kend[-1] == ' ' || kend[-1] == '\t'))
    kend--;
  bool mono = false;
  size_t klen = (size_t)(kend - p);
  if (klen > 5 && strncasecmp(kend - 5, ".mono", 5) == 0) {
    mono = true;
    klen -= 5;
  }
  int role = find_role(p, klen);
  if (role < 0) {
    snprintf(err, errlen, "line %d: unknown role '%.*s'", lineno, (int)klen, p);
    return -1;
  }
  struct theme_style st = t->roles[role];
  char *words[8];
  int nw = 0;
  for (char *w = eq + 1; *w && nw < 8;) {
    while (*w == ' ' || *w == '\t' || *w == '\r' || *w == '\n')
      *w++ = '\0';
    if (*w == '\0')
      break;
    words[nw++] = w;
    while (*w && *w != ' ' && *w != '\t' && *w != '\r' && *w != '\n')
      w++;
  }
  if (mono) {
    st.mono_attrs = 0;
    for (int i = 0; i < nw; i++) {
      if (parse_attr(words[i], &st.mono_attrs) != 0) {
        snprintf(err, errlen, "line %d: unknown attribute '%s'", lineno,
                 words[i]);
        return -1;
      }
    }
  } else {
    if (nw < 2) {
      snprintf(err, errlen, "line %d: need a foreground and a background",
               lineno);
      return -1;
    }
    if (parse_color(words[0], &st.fg) != 0 ||
        parse_color(words[1], &st.bg) != 0) {
      snprintf(err, errlen, "line %d: unknown colour", lineno);
      return -1;
    }
    st.attrs = 0;
    for (int i = 2; i < nw; i++) {
      if (parse_attr(words[i], &st.attrs) != 0) {
        snprintf(err, errlen, "line %d: unknown attribute '%s'", lineno,
                 words[i]);
        return -1;
      }
    }
  }
  t->roles[role] = st;
  return 0;
}

int theme_parse(struct theme *t, const char *text, char *err, size_t errlen) {
  char *copy = xstrdup(text);
  int rc = 0;
  int lineno = 0;
  char *p = copy;
  while (p && *p) {
    char *nl = strchr(p, '\n');
    if (nl)
      *nl = '\0';
    lineno++;
    rc = parse_line(t, p, err, errlen, lineno);
    if (rc != 0)
      goto out;
    p = nl ? nl + 1 : NULL;
  }
out:
  free(copy);
  return rc;
}

void theme_default(struct theme *t) {
  char err[128];
  memset(t, 0, sizeof *t);
  snprintf(t->name, sizeof t->name, "default");
  for (int r = 0; r < ROLE_COUNT_; r++) {
    t->roles[r].fg = -1;
    t->roles[r].bg = -1;
  }
  if (theme_parse(t, default_theme_text, err, sizeof err) != 0)
    fatal("built-in theme: %s", err);
}

static char *read_small_file(const char *path) {
  FILE *f = fopen(path, "r");
  if (f == NULL)
    return NULL;
  size_t cap = 4096, len = 0;
  char *buf = xmalloc(cap);
  size_t n;
  while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (len + 1 >= cap) {
      if (cap >= 256 * 1024)
        break; /* themes are tiny; ignore the rest */
      cap *= 2;
      buf = xrealloc(buf, cap);
    }
  }
  buf[len] = '\0';
  fclose(f);
  return buf;
}

int theme_load(struct theme *t, const char *name, char *err, size_t errlen) {
  theme_default(t);
  if (name == NULL || *name == '\0' || strcmp(name, "default") == 0)
    return 0;
  char *text = NULL;
  char *path = NULL;
  if (strchr(name, '/')) {
    path = xstrdup(name);
    text = read_small_file(path);
  } else {
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    char *dirs[3] = {NULL, NULL, NULL};
    if (xdg && *xdg)
      dirs[0] = xasprintf("%s/conomy-desk/themes", xdg);
    else if (home && *home)
      dirs[0] = xasprintf("%s/.config/conomy-desk/themes", home);
    dirs[1] = xstrdup(DESK_ASSETS_DIR "/themes");
    dirs[2] = xstrdup(DESK_SOURCE_ASSETS_DIR "/themes");
    for (int i = 0; i < 3 && text == NULL; i++) {
      if (dirs[i] == NULL)
        continue;
      free(path);
      path = xasprintf("%s/%s.theme", dirs[i], name);
      text = read_small_file(path);
    }
    for (int i = 0; i < 3; i++)
      free(dirs[i]);
  }
  int rc = 0;
  if (text == NULL) {
    snprintf(err, errlen, "theme '%s' not found", name);
    rc = -1;
    goto out;
  }
  char why[160];
  if (theme_parse(t, text, why, sizeof why) != 0) {
    snprintf(err, errlen, "%s: %s", path, why);
    theme_default(t);
    rc = -1;
    goto out;
  }
  snprintf(t->name, sizeof t->name, "%s", name);
out:
  free(text);
  free(path);
  return rc;
}
