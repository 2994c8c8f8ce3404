/*
 * config - see config.h. Reads files; holds no global state.
 */
#include "app/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xalloc.h"

char *config_dir(void) {
  const char *x = getenv("XDG_CONFIG_HOME");
  if (x && *x == '/')
    return xasprintf("%s/conomy-desk", x);
  const char *home = getenv("HOME");
  if (home == NULL || *home == '\0')
    return NULL;
  return xasprintf("%s/.config/conomy-desk", home);
}

static char *trim(char *s) {
  while (isspace((unsigned char)*s))
    s++;
  size_t n = strlen(s);
  while (n > 0 && isspace((unsigned char)s[n - 1]))
    s[--n] = '\0';
  return s;
}

static void set_str(char **dst, const char *v) {
  free(*dst);
  *dst = xstrdup(v);
}

static char *expand_home(const char *p) {
  if (p[0] == '~' && p[1] == '/') {
    const char *home = getenv("HOME");
    return xasprintf("%s%s", home ? home : "", p + 1);
  }
  return xstrdup(p);
}

/* A whole number (of seconds, of lookups) in lo..hi. */
static bool seconds_in(const char *val, long lo, long hi, int *out) {
  char *end = NULL;
  long v = strtol(val, &end, 10);
  if (end == val || *end != '\0' || v < lo || v > hi)
    return false;
  *out = (int)v;
  return true;
}

/* true/yes/1 or false/no/0 into *out; false for anything else. */
static bool bool_value(const char *val, bool *out) {
  if (strcmp(val, "true") == 0 || strcmp(val, "yes") == 0 ||
      strcmp(val, "1") == 0)
    *out = true;
  else if (strcmp(val, "false") == 0 || strcmp(val, "no") == 0 ||
           strcmp(val, "0") == 0)
    *out = false;
  else
    return false;
  return true;
}

/* One key of the selected profile. Returns 0, or -1 with err filled. */
static int apply_key(struct config *c, const char *key, const char *val,
                     char **secret_file, const char *path, int lineno,
                     char *err, size_t errlen) {
  if (strcmp(key, "base_url") == 0) {
    set_str(&c->base_url, val);
  } else if (strcmp(key, "api_key") == 0) {
    set_str(&c->api_key, val);
  } else if (strcmp(key, "client_id") == 0) {
    set_str(&c->client_id, val);
  } else if (strcmp(key, "secret_file") == 0) {
    free(*secret_file);
    *secret_file = expand_home(val);
  } else if (strcmp(key, "theme") == 0) {
    set_str(&c->theme, val);
  } else if (strcmp(key, "keymap") == 0) {
    free(c->keymap_path);
    c->keymap_path = expand_home(val);
  } else if (strcmp(key, "confirm_over") == 0) {
    set_str(&c->confirm_over, val);
  } else if (strcmp(key, "read_only") == 0) {
    c->read_only = strcmp(val, "true") == 0 || strcmp(val, "yes") == 0 ||
                   strcmp(val, "1") == 0;
  } else if (strcmp(key, "arrow_cursor") == 0) {
    if (!bool_value(val, &c->arrow_cursor)) {
      snprintf(err, errlen, "%s:%d: arrow_cursor must be true or false",
               path, lineno);
      return -1;
    }
  } else if (strcmp(key, "sync_interval") == 0) {
    if (!seconds_in(val, 5, 86400, &c->sync_interval_s)) {
      snprintf(err, errlen, "%s:%d: sync_interval must be 5..86400 seconds",
               path, lineno);
      return -1;
    }
  } else if (strcmp(key, "request_timeout") == 0) {
    if (!seconds_in(val, 1, 600, &c->request_timeout_s)) {
      snprintf(err, errlen, "%s:%d: request_timeout must be 1..600 seconds",
               path, lineno);
      return -1;
    }
  } else if (strcmp(key, "customer_link_budget") == 0) {
    if (!seconds_in(val, 0, 100000, &c->customer_link_budget)) {
      snprintf(err, errlen,
               "%s:%d: customer_link_budget must be 0..100000 lookups", path,
               lineno);
      return -1;
    }
    c->customer_link_budget_set = true;
  } else if (strcmp(key, "client_secret") == 0) {
    snprintf(err, errlen,
             "%s:%d: client_secret does not belong in the config file; "
             "put it in a 0600 credentials file (secret_file)",
             path, lineno);
    return -1;
  } else {
    snprintf(err, errlen, "%s:%d: unknown key \"%s\"", path, lineno, key);
    return -1;
  }
  return 0;
}

/* Read key=value pairs of `section` from an INI file. *found tells whether
 * the section exists. Returns 0, 1 when the file does not exist, or -1. */
static int read_ini(const char *path, const char *section, struct config *c,
                    char **secret_file, bool *found, char *err,
                    size_t errlen) {
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    if (errno == ENOENT)
      return 1;
    snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
    return -1;
  }
  struct stat st;
  bool private_file = fstat(fileno(f), &st) == 0 && (st.st_mode & 077) == 0 &&
                      st.st_uid == getuid();
  char line[1024];
  int lineno = 0, rc = 0;
  bool in = false;
  while (fgets(line, sizeof line, f)) {
    lineno++;
    char *s = trim(line);
    if (*s == '\0' || *s == '#' || *s == ';')
      continue;
    if (*s == '[') {
      char *end = strchr(s, ']');
      if (end == NULL) {
        snprintf(err, errlen, "%s:%d: unterminated section header", path,
                 lineno);
        rc = -1;
        break;
      }
      *end = '\0';
      char *name = trim(s + 1);
      if (strncmp(name, "profile ", 8) == 0)
        name = trim(name + 8);
      in = strcmp(name, section) == 0;
      if (in)
        *found = true;
      continue;
    }
    char *eq = strchr(s, '=');
    if (eq == NULL) {
      snprintf(err, errlen, "%s:%d: expected key = value", path, lineno);
      rc = -1;
      break;
    }
    *eq = '\0';
    char *key = trim(s), *val = trim(eq + 1);
    if (strcmp(key, "api_key") == 0 && !private_file) {
      /* a key in any profile is a secret: same rule as credentials */
      snprintf(err, errlen,
               "%s:%d: holds an api_key but is readable by others (mode "
               "%03o) or not yours; run: chmod 600 %s",
               path, lineno, (unsigned)(st.st_mode & 0777), path);
      rc = -1;
      break;
    }
    if (!in)
      continue;
    if (apply_key(c, key, val, secret_file, path, lineno, err, errlen) != 0) {
      rc = -1;
      break;
    }
  }
  fclose(f);
  return rc;
}

/* The credentials file: refused unless owned by us and not readable by
 * group or others. */
static int read_credentials(const char *path, struct config *c, bool required,
                            char *err, size_t errlen) {
  struct stat st;
  if (stat(path, &st) != 0) {
    if (errno == ENOENT && !required)
      return 0;
    snprintf(err, errlen, "credentials file %s: %s", path, strerror(errno));
    return -1;
  }
  if ((st.st_mode & 077) != 0 || st.st_uid != getuid()) {
    snprintf(err, errlen,
             "credentials file %s is accessible by others (mode %03o); "
             "run: chmod 600 %s",
             path, (unsigned)(st.st_mode & 0777), path);
    return -1;
  }
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
    return -1;
  }
  char line[1024];
  while (fgets(line, sizeof line, f)) {
    char *s = trim(line);
    if (*s == '\0' || *s == '#')
      continue;
    char *eq = strchr(s, '=');
    if (eq == NULL)
      continue;
    *eq = '\0';
    char *key = trim(s), *val = trim(eq + 1);
    if (strcmp(key, "client_secret") == 0)
      set_str(&c->client_secret, val);
    else if (strcmp(key, "api_key") == 0 && c->api_key == NULL)
      set_str(&c->api_key, val);
  }
  memset(line, 0, sizeof line);
  fclose(f);
  return 0;
}

static bool is_loopback_url(const char *url) {
  const char *p = strstr(url, "://");
  p = p ? p + 3 : url;
  return strncmp(p, "127.", 4) == 0 || strncmp(p, "localhost", 9) == 0 ||
         strncmp(p, "[::1]", 5) == 0;
}

int config_load(const char *profile, struct config *out, char *err,
                size_t errlen) {
  memset(out, 0, sizeof *out);
  if (profile == NULL || *profile == '\0')
    profile = getenv("CONOMY_PROFILE");
  if (profile == NULL || *profile == '\0')
    profile = "default";
  out->profile = xstrdup(profile);
  out->sync_interval_s = 60;

  char *dir = config_dir();
  char *secret_file = NULL;
  bool found = false;
  int rc = 0;
  if (dir) {
    char *path = xasprintf("%s/config", dir);
    rc = read_ini(path, profile, out, &secret_file, &found, err, errlen);
    if (rc == 0)
      out->config_path = path;
    else
      free(path);
    if (rc < 0)
      goto out;
    rc = 0;
  }
  if (!found && strcmp(profile, "default") != 0) {
    snprintf(err, errlen, "unknown profile \"%s\" (no [%s] section in %s)",
             profile, profile,
             out->config_path ? out->config_path : "the config file");
    rc = -1;
    goto out;
  }

  const char *e = getenv("CONOMY_BASE_URL");
  if (e && *e)
    set_str(&out->base_url, e);
  e = getenv("CONOMY_API_KEY");
  if (e && *e)
    set_str(&out->api_key, e);
  e = getenv("CONOMY_CLIENT_ID");
  if (e && *e)
    set_str(&out->client_id, e);
  e = getenv("CONOMY_CLIENT_SECRET");
  if (e && *e) {
    set_str(&out->client_secret, e);
  } else {
    bool explicit_file = secret_file != NULL;
    if (!explicit_file && dir)
      secret_file = xasprintf("%s/credentials", dir);
    if (secret_file &&
        read_credentials(secret_file, out, explicit_file, err, errlen) != 0) {
      rc = -1;
      goto out;
    }
  }
  if (out->base_url && strncmp(out->base_url, "http://", 7) == 0 &&
      !is_loopback_url(out->base_url)) {
    snprintf(err, errlen,
             "profile \"%s\": base URL %s is plain http to a remote host; "
             "production profiles require https",
             profile, out->base_url);
    rc = -1;
    goto out;
  }
out:
  free(dir);
  free(secret_file);
  if (rc != 0)
    config_cleanup(out);
  return rc;
}

void config_cleanup(struct config *c) {
  if (c == NULL)
    return;
  free(c->profile);
  free(c->base_url);
  free(c->api_key);
  free(c->client_id);
  if (c->client_secret) {
    memset(c->client_secret, 0, strlen(c->client_secret));
    free(c->client_secret);
  }
  free(c->theme);
  free(c->keymap_path);
  free(c->confirm_over);
  free(c->config_path);
  memset(c, 0, sizeof *c);
}
