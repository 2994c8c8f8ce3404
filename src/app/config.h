/*
 * config - settings from the config file, the credentials file and the
 * environment.
 *
 * $XDG_CONFIG_HOME/conomy-desk/config (default ~/.config/...) is an INI file
 * with one section per profile ([default], [production], ...). Keys:
 *   base_url, api_key, client_id, secret_file, sync_interval,
 *   request_timeout, theme, read_only, confirm_over, keymap,
 *   customer_link_budget, arrow_cursor
 * The client secret is never read from the config file or a command-line
 * flag: it comes from CONOMY_CLIENT_SECRET or from `secret_file` (default
 * $XDG_CONFIG_HOME/conomy-desk/credentials), a file of `key = value` lines
 * (client_secret, optionally api_key) that must be mode 0600 or stricter
 * and owned by the user, or it is refused, as ssh does with keys.
 * CONOMY_BASE_URL, CONOMY_API_KEY, CONOMY_CLIENT_ID and CONOMY_CLIENT_SECRET
 * take precedence over the file. A profile whose base URL is not a loopback
 * sandbox is PRODUCTION and must use https.
 */
#ifndef DESK_APP_CONFIG_H
#define DESK_APP_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct config {
  char *profile;
  char *base_url;
  char *api_key;
  char *client_id;
  char *client_secret;    /* never printed */
  char *theme;
  char *keymap_path;
  char *confirm_over;     /* "COP:4000000, USD:1000" or one bare amount:
                             money dialogs at or above it need the amount
                             typed (see ui/confirm.h) */
  int sync_interval_s;
  int request_timeout_s;  /* 0 = default */
  int customer_link_budget;      /* customer links looked up per sync */
  bool customer_link_budget_set; /* false: the default (app.h) */
  bool read_only;
  bool arrow_cursor;      /* the cursor is a marker, not a highlighted row
                             (fewer bytes per move on a slow link) */
  char *config_path;      /* the file that was read, or NULL */
};

/* Load `profile` (NULL = $CONOMY_PROFILE or "default"). A missing config
 * file is fine (env only). Returns 0, or -1 with a one-line reason in err
 * (unreadable file, syntax error with line number, unknown profile,
 * credentials file with loose permissions, http base URL for a production
 * profile). Caller frees with config_cleanup(). */
int config_load(const char *profile, struct config *out, char *err,
                size_t errlen);
void config_cleanup(struct config *c);

/* $XDG_CONFIG_HOME/conomy-desk (or ~/.config/conomy-desk); caller frees. */
char *config_dir(void);

#endif
