/*
 * test_timeutil - ISO 8601 and dd/mm/yyyy parsing, formatting, ages.
 * Expected values were computed independently (Python's datetime).
 */
#include <stdint.h>
#include <string.h>

#include "core/timeutil.h"
#include "test.h"

struct iso_case {
  const char *in;
  enum core_err err;
  int64_t ms;
};

static const struct iso_case iso_cases[] = {
    {"2025-04-01T12:30:00Z", CORE_OK, INT64_C(1743510600000)},
    {"2025-04-01T12:30:00.123Z", CORE_OK, INT64_C(1743510600123)},
    {"2025-04-01T12:30:00.1Z", CORE_OK, INT64_C(1743510600100)},
    {"2025-04-01T12:30:00.123456789Z", CORE_OK, INT64_C(1743510600123)},
    {"2025-04-01T12:30:00+00:00", CORE_OK, INT64_C(1743510600000)},
    {"2025-04-01T12:30:00-03:00", CORE_OK, INT64_C(1743521400000)},
    {"2025-04-01T12:30:00+05:30", CORE_OK, INT64_C(1743490800000)},
    {"2025-04-01T12:30:00+0530", CORE_OK, INT64_C(1743490800000)},
    {"1970-01-01T00:00:00Z", CORE_OK, 0},
    {"1969-12-31T23:59:59.999Z", CORE_OK, -1},
    {"2000-02-29T23:59:59.999Z", CORE_OK, INT64_C(951868799999)},
    {"2024-02-29T00:00:00Z", CORE_OK, INT64_C(1709164800000)},
    {"9999-12-31T23:59:59.999Z", CORE_OK, INT64_C(253402300799999)},
    {"0001-01-01T00:00:00Z", CORE_OK, INT64_C(-62135596800000)},
    /* invalid */
    {"2025-02-30T00:00:00Z", CORE_ERR_INVALID, 0},
    {"2023-02-29T00:00:00Z", CORE_ERR_INVALID, 0},
    {"1900-02-29T00:00:00Z", CORE_ERR_INVALID, 0},
    {"2025-04-31T00:00:00Z", CORE_ERR_INVALID, 0},
    {"2025-13-01T00:00:00Z", CORE_ERR_INVALID, 0},
    {"2025-00-01T00:00:00Z", CORE_ERR_INVALID, 0},
    {"2025-01-00T00:00:00Z", CORE_ERR_INVALID, 0},
    {"2025-01-01T24:00:00Z", CORE_ERR_INVALID, 0},
    {"2025-01-01T23:60:00Z", CORE_ERR_INVALID, 0},
    {"2025-01-01T23:59:60Z", CORE_ERR_INVALID, 0},
    {"2025-01-01T00:00:00", CORE_ERR_INVALID, 0},  /* no zone */
    {"2025-01-01 00:00:00Z", CORE_ERR_INVALID, 0},
    {"2025-01-01T00:00:00.Z", CORE_ERR_INVALID, 0},
    {"2025-01-01T00:00:00Zjunk", CORE_ERR_INVALID, 0},
    {"2025-01-01T00:00:00+24:00", CORE_ERR_INVALID, 0},
    {"2025-01-01T00:00:00+1", CORE_ERR_INVALID, 0},
    {"2025-1-01T00:00:00Z", CORE_ERR_INVALID, 0},
    {"2025-01-01", CORE_ERR_INVALID, 0},
    {"", CORE_ERR_INVALID, 0},
    {"garbage", CORE_ERR_INVALID, 0},
};

static void test_parse_iso(void) {
  for (size_t i = 0; i < sizeof iso_cases / sizeof iso_cases[0]; i++) {
    int64_t ms = 777;
    enum core_err err = time_parse_iso8601(iso_cases[i].in, &ms);
    if (err != iso_cases[i].err)
      fprintf(stderr, "  case \"%s\"\n", iso_cases[i].in);
    CHECK_INT(err, iso_cases[i].err);
    CHECK_INT(ms, iso_cases[i].err == CORE_OK ? iso_cases[i].ms : 777);
  }
  {
    int64_t ms;
    CHECK_INT(time_parse_iso8601(NULL, &ms), CORE_ERR_INVALID);
  }
}

static void test_format_iso(void) {
  char buf[32];
  CHECK_INT(time_format_iso8601(INT64_C(1743510600123), buf, sizeof buf), 24);
  CHECK_STR(buf, "2025-04-01T12:30:00.123Z");
  CHECK_INT(time_format_iso8601(-1, buf, sizeof buf), 24);
  CHECK_STR(buf, "1969-12-31T23:59:59.999Z");
  CHECK_INT(time_format_iso8601(0, buf, 25), 24);
  CHECK_STR(buf, "1970-01-01T00:00:00.000Z");
  CHECK_INT(time_format_iso8601(0, buf, 24), -1);
  CHECK_INT(time_format_iso8601(INT64_MAX, buf, sizeof buf), -1);
  CHECK_INT(time_format_iso8601(INT64_MIN, buf, sizeof buf), -1);
}

/* Every day from 1900 to 2100 round-trips through format and parse. */
static void test_round_trip_days(void) {
  int64_t start, end;
  CHECK_INT(time_parse_date("1900-01-01", &start), CORE_OK);
  CHECK_INT(time_parse_date("2100-12-31", &end), CORE_OK);
  for (int64_t ms = start; ms <= end; ms += INT64_C(86400000) + 1234) {
    char buf[32];
    int64_t back = 0;
    CHECK(time_format_iso8601(ms, buf, sizeof buf) == 24);
    CHECK_INT(time_parse_iso8601(buf, &back), CORE_OK);
    if (back != ms) {
      CHECK_INT(back, ms);
      break;
    }
  }
}

static void test_dates(void) {
  int64_t ms = 5;
  CHECK_INT(time_parse_ddmmyyyy("01/04/2025", &ms), CORE_OK);
  CHECK_INT(ms, INT64_C(1743465600000));
  CHECK_INT(time_parse_ddmmyyyy("29/02/2024", &ms), CORE_OK);
  CHECK_INT(ms, INT64_C(1709164800000));
  ms = 5;
  CHECK_INT(time_parse_ddmmyyyy("30/02/2025", &ms), CORE_ERR_INVALID);
  CHECK_INT(time_parse_ddmmyyyy("1/4/2025", &ms), CORE_ERR_INVALID);
  CHECK_INT(time_parse_ddmmyyyy("01-04-2025", &ms), CORE_ERR_INVALID);
  CHECK_INT(time_parse_ddmmyyyy("01/04/2025x", &ms), CORE_ERR_INVALID);
  CHECK_INT(time_parse_ddmmyyyy("04/13/2025", &ms), CORE_ERR_INVALID);
  CHECK_INT(time_parse_ddmmyyyy(NULL, &ms), CORE_ERR_INVALID);
  CHECK_INT(ms, 5);

  CHECK_INT(time_parse_date("2025-04-01", &ms), CORE_OK);
  CHECK_INT(ms, INT64_C(1743465600000));
  CHECK_INT(time_parse_date("2025-02-29", &ms), CORE_ERR_INVALID);
  CHECK_INT(time_parse_date("2025-04-01T00:00:00Z", &ms), CORE_ERR_INVALID);
}

static void test_format_short(void) {
  char buf[17];
  CHECK_INT(time_format_short(INT64_C(1743510600999), buf, sizeof buf), 16);
  CHECK_STR(buf, "2025-04-01 12:30");
  CHECK_INT(time_format_short(0, buf, 16), -1);
}

struct age_case {
  int64_t delta_ms;
  const char *want;
};

static void test_format_age(void) {
  static const struct age_case cases[] = {
      {0, "0s"},
      {59999, "59s"},
      {60000, "1m"},
      {45 * 60000, "45m"},
      {3600000 - 1, "59m"},
      {3600000, "1h"},
      {INT64_C(23) * 3600000, "23h"},
      {INT64_C(86400000), "1d"},
      {INT64_C(5) * 86400000, "5d"},
      {INT64_C(400) * 86400000, "1y"},
      {-120000, "-2m"},
      {INT64_C(-3) * 86400000, "-3d"},
  };
  int64_t now = INT64_C(1743510600000);
  char buf[8];
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int n = time_format_age(now - cases[i].delta_ms, now, buf, sizeof buf);
    CHECK_STR(buf, cases[i].want);
    CHECK_INT(n, (int)strlen(cases[i].want));
  }
  /* Extreme inputs never overflow the buffer or the arithmetic. */
  CHECK(time_format_age(INT64_MIN, INT64_MAX, buf, sizeof buf) == -1);
  CHECK(time_format_age(0, INT64_MAX, buf, sizeof buf) > 0);
  CHECK(strlen(buf) < sizeof buf);
  CHECK(time_format_age(INT64_MAX, 0, buf, sizeof buf) > 0);
  CHECK(buf[0] == '-');
  CHECK_INT(time_format_age(0, 0, buf, 7), -1);
}

TEST_LIST = {
    {"parse_iso", test_parse_iso},
    {"format_iso", test_format_iso},
    {"round_trip_days", test_round_trip_days},
    {"dates", test_dates},
    {"format_short", test_format_short},
    {"format_age", test_format_age},
    {NULL, NULL},
};
