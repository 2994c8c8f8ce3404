/*
 * app_params - an action's parameters as a JSON body. See app_params.h.
 */
#include "app/app_params.h"

#include "api/json_view.h"
#include "core/xalloc.h"

void app_params_add(struct app_params *p, const char *key, const char *value) {
  if (value == NULL)
    return;
  if (p->n == APP_PARAMS_MAX)
    fatal("app_params: more than %d parameters", APP_PARAMS_MAX);
  p->key[p->n] = key;
  p->value[p->n] = value;
  p->n++;
}

char *app_params_json(const struct app_params *p) {
  return json_view_object(p->key, p->value, p->n);
}
