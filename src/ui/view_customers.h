/*
 * view_customers - pane 3: customers (name, document, operation level,
 * documented or not, document count), filtered by free text; and the
 * customer view (Enter): every field, the documents and their statuses,
 * and the customer's payments as links.
 */
#ifndef DESK_UI_VIEW_CUSTOMERS_H
#define DESK_UI_VIEW_CUSTOMERS_H

#include "ui/view.h"

struct view *view_customers_new(struct ui_ctx *ctx);
struct view *view_customer_new(struct ui_ctx *ctx, const char *customer_id);

#endif
