/*
 * api_reject - the record-level tolerance of list reads (internal to
 * src/api): a list item that cannot be mapped is recorded here and skipped,
 * the rest of the page is kept. See struct api_reject in api_client.h.
 */
#ifndef DESK_API_API_REJECT_H
#define DESK_API_API_REJECT_H

#include "api/api_client.h"

struct cJSON;

/* Records `item` (any JSON value) of kind `kind` as rejected for `why`.
 * rej may be NULL (then nothing is recorded). */
void api_reject_add(struct api_rejects *rej, const char *kind,
                    const struct cJSON *item, const char *why);

/* NULL when id is acceptable: 1..PAYMENT_ID_MAX bytes, no C0, DEL or C1
 * control character; otherwise a static reason ("id longer than 128
 * characters", ...). */
const char *api_reject_id_problem(const char *id);

#endif
