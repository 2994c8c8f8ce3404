/*
 * timeutil - ISO 8601 UTC timestamps and the API's dd/mm/yyyy dates.
 *
 * Times are int64 milliseconds since the Unix epoch (UTC). Pure functions:
 * nothing here reads the clock; callers pass `now` in.
 */
#ifndef DESK_CORE_TIMEUTIL_H
#define DESK_CORE_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* Parse "2025-04-01T12:30:00Z" or with fraction "....123Z" or an offset
 * "+00:00". Returns CORE_OK or CORE_ERR_INVALID. */
enum core_err time_parse_iso8601(const char *s, int64_t *ms_out);
/* Format as "2025-04-01T12:30:00.123Z" (always millisecond precision).
 * buf needs at least 25 bytes. Returns the length or -1. */
int time_format_iso8601(int64_t ms, char *buf, size_t len);
/* Parse a UTC day "2025-04-01" to the start of that day in ms. */
enum core_err time_parse_date(const char *s, int64_t *ms_out);
/* Parse "dd/mm/yyyy" to the start of that UTC day in ms. */
enum core_err time_parse_ddmmyyyy(const char *s, int64_t *ms_out);
/* "2025-04-01 12:30" (UTC, for lists). buf >= 17 bytes. */
int time_format_short(int64_t ms, char *buf, size_t len);
/* Human age relative to now: "45s", "12m", "3h", "5d". buf >= 8. */
int time_format_age(int64_t ms, int64_t now_ms, char *buf, size_t len);

#endif
