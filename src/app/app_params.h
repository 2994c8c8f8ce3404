/*
 * app_params - the parameters of an outbox entry as a flat JSON object of
 * strings ({"amount":"150.00","reason":"Client asked"}): the body the
 * action sends, stored in the outbox row so that the action can be sent or
 * reconciled by another thread or a later process. Only objects written by
 * app_params_add are read back.
 */
#ifndef DESK_APP_APP_PARAMS_H
#define DESK_APP_APP_PARAMS_H

#include "core/strbuf.h"

/* Start "{", add "key":"value" pairs (value NULL: skipped), end "}". */
void app_params_begin(struct strbuf *sb);
void app_params_add(struct strbuf *sb, const char *key, const char *value);
void app_params_end(struct strbuf *sb);
/* The decoded string value of key, or NULL; caller frees. */
char *app_params_get(const char *json, const char *key);

#endif
