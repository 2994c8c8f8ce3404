/*
 * sandbox_create - POST /payments with the seeds' validation rules.
 *
 * At least one origin and one destination (each with type and currency;
 * bulk nodes carry amount), a valid type, product equal to
 * purchaseCurrency:currency, exactly one of purchaseAmount / totalAmount as
 * a decimal string with at most the currency's decimals, one of
 * purchaseCurrency / currency. Cross-currency products convert at fixed
 * sandbox rates. The customer comes from customerId, else from the rail's
 * customer snapshot (documentNumber, then email, else auto-created BASIC).
 * TOPUP_ACCOUNT without any account makes an unassigned topup that expires
 * in 48 h; P2P and COLLECT settle at once; REFUND with parentPaymentId is
 * POST /payments/{parent}/refund. Answers 200 with the payment.
 */
#ifndef SANDBOX_CREATE_H
#define SANDBOX_CREATE_H

#include "sandbox/sandbox_http.h"

struct sandbox;

void sandbox_create_payment(struct sandbox *sb, struct sandbox_req *rq,
                            struct sandbox_resp *rs);

#endif
