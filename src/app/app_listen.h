/*
 * app_listen - the webhook receiver of `conomy-desk listen` (see
 * app_listen.c for how deliveries are applied).
 */
#ifndef DESK_APP_APP_LISTEN_H
#define DESK_APP_APP_LISTEN_H

#include <signal.h>

#include "app/app.h"

typedef void (*app_listen_log_fn)(void *ud, const char *line);

/* Listen on addr ("127.0.0.1:8787"; port 0 = any) until *stop becomes
 * non-zero, verifying each delivery with secret. *port (may be NULL) gets
 * the bound port once listening; log (may be NULL) gets one sanitised-safe
 * line per delivery (ids and event types only). */
enum app_err app_listen(struct app *a, const char *addr, const char *secret,
                        volatile sig_atomic_t *stop, app_listen_log_fn log,
                        void *ud, int *port, struct app_error *err);

#endif
