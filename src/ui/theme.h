/*
 * theme - maps semantic roles (enum ui_role) to colours and attributes.
 *
 * A theme is a table: for each role a foreground, a background (-1 = the
 * terminal's default) and attributes, plus separate attributes used when
 * colour is off (NO_COLOR, --no-color, or a monochrome terminal), so that
 * the cursor row, the status bar and production warnings stay visible in
 * black and white. Status is always also drawn as text, so colour is never
 * the only signal. Themes are plain text files (assets/themes/NAME.theme):
 *
 *   # comment
 *   selected = black cyan bold        # role = fg bg [attrs...]
 *   selected.mono = reverse           # attributes without colour
 *
 * Colours: default, black, red, green, yellow, blue, magenta, cyan, white,
 * bright-<name>, or 0..255. Attributes: bold, dim, reverse, underline,
 * standout, normal. Unknown roles or words are errors with a line number.
 */
#ifndef DESK_UI_THEME_H
#define DESK_UI_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/canvas.h"

enum theme_attr {
  THEME_ATTR_BOLD = 1u << 0,
  THEME_ATTR_DIM = 1u << 1,
  THEME_ATTR_REVERSE = 1u << 2,
  THEME_ATTR_UNDERLINE = 1u << 3,
  THEME_ATTR_STANDOUT = 1u << 4,
};

struct theme_style {
  short fg, bg;        /* -1 = default */
  unsigned attrs;      /* with colour */
  unsigned mono_attrs; /* without colour */
};

struct theme {
  char name[64];
  struct theme_style roles[ROLE_COUNT_];
};

/* The built-in default theme (always available). */
void theme_default(struct theme *t);
/* Role name as used in theme files ("selected"), or NULL. */
const char *theme_role_name(enum ui_role r);

/* Parses theme text over the defaults in *t. Returns 0, or -1 with a
 * one-line "line N: ..." reason in err. */
int theme_parse(struct theme *t, const char *text, char *err, size_t errlen);

/* Loads a theme by name or path: a name containing '/' is a path; other
 * names are looked up as NAME.theme in $XDG_CONFIG_HOME/conomy-desk/themes,
 * then the installed and source assets/themes directories. NULL or
 * "default" gives the built-in theme. Returns 0 or -1 with a reason. */
int theme_load(struct theme *t, const char *name_or_path, char *err,
               size_t errlen);

#endif
