/*
 * app_params - the string parameters of an action (amount, reason,
 * accountNumber...), collected as the action is checked and printed as the
 * JSON body it sends (by the api layer's cJSON): stored as readable text in
 * the outbox row beside its typed columns, and shown in the dialog's
 * preview.
 */
#ifndef DESK_APP_APP_PARAMS_H
#define DESK_APP_APP_PARAMS_H

#include <stddef.h>

#define APP_PARAMS_MAX 8

/* Borrowed strings: they must outlive app_params_json(). */
struct app_params {
  const char *key[APP_PARAMS_MAX];
  const char *value[APP_PARAMS_MAX];
  size_t n;
};

/* Adds key = value (value NULL: left out of the body). */
void app_params_add(struct app_params *p, const char *key, const char *value);
/* {"key":"value",...}; heap string, free with free(). */
char *app_params_json(const struct app_params *p);

#endif
