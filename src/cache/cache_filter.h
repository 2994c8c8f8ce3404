/*
 * cache_filter - translate a struct filter (core/filter.h) into an SQL
 * WHERE fragment over the payments table plus the values to bind.
 *
 * The fragment is built only from constant text; every value from the
 * filter is a bound parameter (anonymous '?', bound in order). The result
 * selects exactly the rows filter_match() accepts; a property test checks it.
 */
#ifndef DESK_CACHE_CACHE_FILTER_H
#define DESK_CACHE_CACHE_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/filter.h"
#include "core/strbuf.h"

enum cache_bind_kind { CACHE_BIND_INT, CACHE_BIND_TEXT, CACHE_BIND_BLOB };

struct cache_bind {
  enum cache_bind_kind kind;
  int64_t i;
  char *s; /* heap, for TEXT and BLOB */
  size_t len;
};

struct cache_filter_sql {
  struct strbuf where; /* "1" or "1 AND (...) AND ..." */
  struct cache_bind *binds;
  size_t nbinds, cap;
};

/* How the full-text index takes part: DRIVE fetches the rows its phrase
 * proposes by rowid (best when few rows match); CHECK leaves it out: the
 * sort's index drives the scan and the exact test decides (best when many
 * match). */
enum cache_fts_mode { CACHE_FTS_DRIVE = 0, CACHE_FTS_CHECK };

/* Build the fragment for f (NULL = everything). `alias` prefixes column
 * names ("p." or ""). Clean up with cache_filter_sql_cleanup(). */
void cache_filter_sql_build(const struct filter *f, const char *alias,
                            enum cache_fts_mode mode,
                            struct cache_filter_sql *out);
/* The same with the FTS5 query of the DRIVE term given (a subset of the
 * text's trigrams, see cache_filter_fts_terms; NULL = all of them). */
void cache_filter_sql_build_fts(const struct filter *f, const char *alias,
                                enum cache_fts_mode mode, const char *phrase,
                                struct cache_filter_sql *out);
void cache_filter_sql_cleanup(struct cache_filter_sql *q);

/* Whether the trigram index can narrow a search for `text` (valid UTF-8 of
 * at least 3 characters). */
bool cache_filter_fts_usable(const char *text);
/* An FTS5 query for the trigram index matching every row that holds all
 * 3-character windows of `text` ("abc" AND "bcd" ...); requires
 * cache_filter_fts_usable(text). Caller frees. */
char *cache_filter_fts_phrase(const char *text);
/* The distinct trigram terms of `text` ("abc" each, quotes doubled) into
 * *terms (free with cache_filter_fts_terms_free); their count. Any subset,
 * ANDed (cache_filter_fts_join), matches a superset of the phrase's rows. */
size_t cache_filter_fts_terms(const char *text, char ***terms);
void cache_filter_fts_terms_free(char **terms, size_t n);
char *cache_filter_fts_join(char *const *terms, size_t n);

#endif
