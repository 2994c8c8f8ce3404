/* config: profiles, environment precedence, credentials file rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app/config.h"
#include "core/xalloc.h"
#include "test.h"

static char dir[256];

static void write_file(const char *name, const char *text, mode_t mode) {
  char path[512];
  snprintf(path, sizeof path, "%s/conomy-desk/%s", dir, name);
  FILE *f = fopen(path, "w");
  fputs(text, f);
  fclose(f);
  chmod(path, mode);
}

static void setup(void) {
  snprintf(dir, sizeof dir, "/tmp/desk-config-XXXXXX");
  CHECK(mkdtemp(dir) != NULL);
  char sub[512];
  snprintf(sub, sizeof sub, "%s/conomy-desk", dir);
  mkdir(sub, 0700);
  setenv("XDG_CONFIG_HOME", dir, 1);
  unsetenv("CONOMY_BASE_URL");
  unsetenv("CONOMY_API_KEY");
  unsetenv("CONOMY_CLIENT_ID");
  unsetenv("CONOMY_CLIENT_SECRET");
  unsetenv("CONOMY_PROFILE");
}

static void teardown(void) {
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK(system(cmd) == 0);
}

static void test_profiles_and_env(void) {
  setup();
  write_file("config",
             "# comment\n[default]\nbase_url = http://127.0.0.1:9/sandbox\n"
             "client_id = c1\napi_key = k1\nsync_interval = 30\n"
             "[profile prod]\nbase_url = https://api.example.com/production\n"
             "client_id = c2\nread_only = yes\narrow_cursor = true\n",
             0600);
  write_file("credentials", "client_secret = s3cret\n", 0600);
  struct config c;
  char err[512] = "";
  CHECK_INT(config_load(NULL, &c, err, sizeof err), 0);
  CHECK_STR(c.profile, "default");
  CHECK_STR(c.base_url, "http://127.0.0.1:9/sandbox");
  CHECK_STR(c.client_id, "c1");
  CHECK_STR(c.client_secret, "s3cret");
  CHECK_INT(c.sync_interval_s, 30);
  CHECK(!c.read_only);
  CHECK(!c.arrow_cursor); /* the full-row highlight by default */
  config_cleanup(&c);

  CHECK_INT(config_load("prod", &c, err, sizeof err), 0);
  CHECK_STR(c.base_url, "https://api.example.com/production");
  CHECK(c.read_only);
  CHECK(c.arrow_cursor);
  config_cleanup(&c);

  setenv("CONOMY_CLIENT_ID", "from-env", 1);
  setenv("CONOMY_CLIENT_SECRET", "env-secret", 1);
  CHECK_INT(config_load(NULL, &c, err, sizeof err), 0);
  CHECK_STR(c.client_id, "from-env");
  CHECK_STR(c.client_secret, "env-secret");
  config_cleanup(&c);

  CHECK_INT(config_load("nope", &c, err, sizeof err), -1);
  CHECK(strstr(err, "unknown profile \"nope\"") != NULL);
  teardown();
}

static void test_arrow_cursor_values(void) {
  setup();
  setenv("CONOMY_CLIENT_SECRET", "env-secret", 1);
  struct config c;
  char err[512] = "";
  write_file("config", "[default]\narrow_cursor = no\n", 0600);
  CHECK_INT(config_load(NULL, &c, err, sizeof err), 0);
  CHECK(!c.arrow_cursor);
  config_cleanup(&c);
  write_file("config", "[default]\narrow_cursor = 1\n", 0600);
  CHECK_INT(config_load(NULL, &c, err, sizeof err), 0);
  CHECK(c.arrow_cursor);
  config_cleanup(&c);
  write_file("config", "[default]\n\narrow_cursor = on-a-slow-link\n", 0600);
  CHECK_INT(config_load(NULL, &c, err, sizeof err), -1);
  CHECK(strstr(err, ":3: arrow_cursor must be true or false") != NULL);
  unsetenv("CONOMY_CLIENT_SECRET");
  teardown();
}

static void test_config_with_key_must_be_private(void) {
  setup();
  write_file("config",
             "[default]\nbase_url = http://127.0.0.1:9/sandbox\n"
             "[other]\napi_key = k1\n",
             0644);
  setenv("CONOMY_CLIENT_SECRET", "env-secret", 1);
  struct config c;
  char err[512] = "";
  /* the key sits in another profile: still a secret in a readable file */
  CHECK_INT(config_load(NULL, &c, err, sizeof err), -1);
  CHECK(strstr(err, "api_key") != NULL);
  CHECK(strstr(err, "mode 644") != NULL);
  CHECK(strstr(err, "chmod 600") != NULL);
  CHECK(strstr(err, "k1") == NULL);
  write_file("config", "[default]\nbase_url = http://127.0.0.1:9/sandbox\n",
             0644);
  CHECK_INT(config_load(NULL, &c, err, sizeof err), 0); /* no key: fine */
  config_cleanup(&c);
  write_file("config", "[default]\napi_key = k1\n", 0600);
  CHECK_INT(config_load(NULL, &c, err, sizeof err), 0);
  CHECK_STR(c.api_key, "k1");
  config_cleanup(&c);
  unsetenv("CONOMY_CLIENT_SECRET");
  teardown();
}

static void test_loose_credentials_refused(void) {
  setup();
  write_file("credentials", "client_secret = s3cret\n", 0644);
  struct config c;
  char err[512] = "";
  CHECK_INT(config_load(NULL, &c, err, sizeof err), -1);
  CHECK(strstr(err, "chmod 600") != NULL);
  CHECK(strstr(err, "s3cret") == NULL);
  teardown();
}

static void test_secret_in_config_refused(void) {
  setup();
  write_file("config", "[default]\nclient_secret = oops\n", 0600);
  struct config c;
  char err[512] = "";
  CHECK_INT(config_load(NULL, &c, err, sizeof err), -1);
  CHECK(strstr(err, "client_secret does not belong") != NULL);
  CHECK(strstr(err, ":2:") != NULL);
  teardown();
}

static void test_bad_lines(void) {
  setup();
  struct config c;
  char err[512] = "";
  write_file("config", "[default]\nbase_url\n", 0600);
  CHECK_INT(config_load(NULL, &c, err, sizeof err), -1);
  CHECK(strstr(err, "expected key = value") != NULL);
  write_file("config", "[default]\nfrobnicate = 1\n", 0600);
  CHECK_INT(config_load(NULL, &c, err, sizeof err), -1);
  CHECK(strstr(err, "unknown key \"frobnicate\"") != NULL);
  write_file("config", "[default]\nsync_interval = 1\n", 0600);
  CHECK_INT(config_load(NULL, &c, err, sizeof err), -1);
  CHECK(strstr(err, "sync_interval") != NULL);
  write_file("config", "[default]\nbase_url = http://api.example.com/x\n",
             0600);
  CHECK_INT(config_load(NULL, &c, err, sizeof err), -1);
  CHECK(strstr(err, "https") != NULL);
  teardown();
}

TEST_LIST = {
    {"profiles_and_env", test_profiles_and_env},
    {"arrow_cursor_values", test_arrow_cursor_values},
    {"config_with_key_must_be_private",
              test_config_with_key_must_be_private},
             {"loose_credentials_refused", test_loose_credentials_refused},
    {"secret_in_config_refused", test_secret_in_config_refused},
    {"bad_lines", test_bad_lines},
    {NULL, NULL},
};
