/*
 * timeutil - UTC calendar arithmetic without libc time functions.
 *
 * days_from_civil / civil_from_days are the proleptic Gregorian algorithms
 * (as published by Howard Hinnant), so nothing depends on the locale, TZ or
 * timegm(). Parsers accept exactly the documented forms and reject dates
 * that do not exist (2025-02-30, 2023-02-29, hour 24).
 */
#include "core/timeutil.h"

#include <stdbool.h>
#include <stdio.h>

#define MS_PER_SEC INT64_C(1000)
#define MS_PER_DAY INT64_C(86400000)

/* Days since 1970-01-01 of y-m-d (m 1..12, d 1..31). */
static int64_t days_from_civil(int64_t y, int m, int d) {
  int64_t era, yoe, doy, doe;
  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d) {
  int64_t era, doe, yoe, doy, mp;
  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

static bool is_leap(int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m) {
  static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

/* Read exactly n digits at *pp into *out and advance. */
static bool read_digits(const char **pp, int n, int *out) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    char c = (*pp)[i];
    if (c < '0' || c > '9')
      return false;
    v = v * 10 + (c - '0');
  }
  *pp += n;
  *out = v;
  return true;
}

static bool expect(const char **pp, char c) {
  if (**pp != c)
    return false;
  (*pp)++;
  return true;
}

static bool valid_date(int y, int m, int d) {
  return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* "YYYY-MM-DD" at *pp; advances past it. */
static bool read_ymd(const char **pp, int *y, int *m, int *d) {
  return read_digits(pp, 4, y) && expect(pp, '-') && read_digits(pp, 2, m) &&
         expect(pp, '-') && read_digits(pp, 2, d) && valid_date(*y, *m, *d);
}

enum core_err time_parse_iso8601(const char *s, int64_t *ms_out) {
  const char *p = s;
  int y, mo, d, h, mi, sec, ms = 0, off = 0;

  if (s == NULL)
    return CORE_ERR_INVALID;
  if (!read_ymd(&p, &y, &mo, &d))
    return CORE_ERR_INVALID;
  if (*p != 'T' && *p != 't')
    return CORE_ERR_INVALID;
  p++;
  if (!read_digits(&p, 2, &h) || !expect(&p, ':') ||
      !read_digits(&p, 2, &mi) || !expect(&p, ':') ||
      !read_digits(&p, 2, &sec))
    return CORE_ERR_INVALID;
  if (h > 23 || mi > 59 || sec > 59)
    return CORE_ERR_INVALID;
  if (*p == '.') {
    int digits = 0;
    p++;
    while (*p >= '0' && *p <= '9') {
      if (digits < 3)
        ms = ms * 10 + (*p - '0');
      digits++;
      p++;
    }
    if (digits == 0 || digits > 9)
      return CORE_ERR_INVALID;
    for (int i = digits; i < 3; i++)
      ms *= 10;
  }
  if (*p == 'Z' || *p == 'z') {
    p++;
  } else if (*p == '+' || *p == '-') {
    int sign = *p == '-' ? -1 : 1, oh, om;
    p++;
    if (!read_digits(&p, 2, &oh))
      return CORE_ERR_INVALID;
    if (*p == ':')
      p++;
    if (!read_digits(&p, 2, &om) || oh > 23 || om > 59)
      return CORE_ERR_INVALID;
    off = sign * (oh * 60 + om);
  } else {
    return CORE_ERR_INVALID;
  }
  if (*p != '\0')
    return CORE_ERR_INVALID;
  *ms_out = days_from_civil(y, mo, d) * MS_PER_DAY +
            ((int64_t)h * 3600 + (int64_t)mi * 60 + sec - (int64_t)off * 60) *
                MS_PER_SEC +
            ms;
  return CORE_OK;
}

enum core_err time_parse_date(const char *s, int64_t *ms_out) {
  const char *p = s;
  int y, m, d;
  if (s == NULL || !read_ymd(&p, &y, &m, &d) || *p != '\0')
    return CORE_ERR_INVALID;
  *ms_out = days_from_civil(y, m, d) * MS_PER_DAY;
  return CORE_OK;
}

enum core_err time_parse_ddmmyyyy(const char *s, int64_t *ms_out) {
  const char *p = s;
  int y, m, d;
  if (s == NULL)
    return CORE_ERR_INVALID;
  if (!read_digits(&p, 2, &d) || !expect(&p, '/') ||
      !read_digits(&p, 2, &m) || !expect(&p, '/') ||
      !read_digits(&p, 4, &y) || *p != '\0' || !valid_date(y, m, d))
    return CORE_ERR_INVALID;
  *ms_out = days_from_civil(y, m, d) * MS_PER_DAY;
  return CORE_OK;
}

struct civil {
  int64_t year;
  int month, day, hour, minute, second, milli;
};

/* Split ms into UTC fields; false when the year is outside 0..9999. */
static bool civil_from_ms(int64_t ms, struct civil *c) {
  int64_t days, rem;
  /* Reject values whose day count would overflow the arithmetic below. */
  if (ms < -INT64_C(62167219200000) || ms > INT64_C(253402300799999))
    return false;
  days = ms / MS_PER_DAY;
  rem = ms % MS_PER_DAY;
  if (rem < 0) {
    rem += MS_PER_DAY;
    days--;
  }
  civil_from_days(days, &c->year, &c->month, &c->day);
  c->hour = (int)(rem / 3600000);
  c->minute = (int)(rem / 60000 % 60);
  c->second = (int)(rem / 1000 % 60);
  c->milli = (int)(rem % 1000);
  return c->year >= 0 && c->year <= 9999;
}

int time_format_iso8601(int64_t ms, char *buf, size_t len) {
  struct civil c;
  int n;
  if (buf == NULL || len < 25 || !civil_from_ms(ms, &c))
    return -1;
  n = snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", (int)c.year,
               c.month, c.day, c.hour, c.minute, c.second, c.milli);
  return n < 0 || (size_t)n >= len ? -1 : n;
}

int time_format_short(int64_t ms, char *buf, size_t len) {
  struct civil c;
  int n;
  if (buf == NULL || len < 17 || !civil_from_ms(ms, &c))
    return -1;
  n = snprintf(buf, len, "%04d-%02d-%02d %02d:%02d", (int)c.year, c.month,
               c.day, c.hour, c.minute);
  return n < 0 || (size_t)n >= len ? -1 : n;
}

int time_format_age(int64_t ms, int64_t now_ms, char *buf, size_t len) {
  int64_t delta, sec;
  const char *sign = "";
  int n;

  if (buf == NULL || len < 8)
    return -1;
  if (__builtin_sub_overflow(now_ms, ms, &delta))
    return -1;
  if (delta < 0) {
    sign = "-";
    /* delta > INT64_MIN here since now_ms - ms did not overflow ... unless
     * it is exactly INT64_MIN; treat that as out of range. */
    if (delta == INT64_MIN)
      return -1;
    delta = -delta;
  }
  sec = delta / 1000;
  if (sec < 60)
    n = snprintf(buf, len, "%s%llds", sign, (long long)sec);
  else if (sec < 3600)
    n = snprintf(buf, len, "%s%lldm", sign, (long long)(sec / 60));
  else if (sec < 86400)
    n = snprintf(buf, len, "%s%lldh", sign, (long long)(sec / 3600));
  else if (sec < 86400 * 365)
    n = snprintf(buf, len, "%s%lldd", sign, (long long)(sec / 86400));
  else if (sec / (86400 * 365) < 100000)
    n = snprintf(buf, len, "%s%lldy", sign,
                 (long long)(sec / (86400 * 365)));
  else
    n = snprintf(buf, len, "%s99999y", sign); /* capped to fit */
  return n < 0 || (size_t)n >= len ? -1 : n;
}
