/*
 * cache_schema - the cache's schema as an ordered list of migrations.
 *
 * Step N turns a version N-1 file into version N; PRAGMA user_version holds
 * the version and PRAGMA application_id marks the file as a conomy-desk
 * cache. Steps run inside one BEGIN IMMEDIATE transaction together with the
 * user_version change, so a crash mid-migration leaves the old version and
 * the next open simply runs the steps again. Steps are append-only: a
 * released step is never edited, a change is a new step.
 */
#ifndef DESK_CACHE_CACHE_SCHEMA_H
#define DESK_CACHE_CACHE_SCHEMA_H

#include <stdint.h>

#include "cache/cache.h"

/* "CDSK" - PRAGMA application_id of every conomy-desk cache file. */
#define CACHE_APPLICATION_ID 0x4344534b

/* The newest schema version this binary knows. */
int cache_schema_version(void);

/* The SQL of step `version` (1..cache_schema_version()), or NULL. For tests
 * that build an old file by hand. */
const char *cache_schema_step_sql(int version);

/*
 * Bring the open cache to `target` (0 = newest). A file newer than this
 * binary is CACHE_ERR_SCHEMA_NEWER; a target lower than the file's version
 * is CACHE_ERR_INVALID. On failure *cause (when non-NULL) gets a heap
 * one-line reason. Callers outside tests pass 0.
 */
enum cache_err cache_schema_migrate(struct cache *c, int target, char **cause);

#endif
