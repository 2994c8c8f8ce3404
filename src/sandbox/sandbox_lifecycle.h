/*
 * sandbox_lifecycle - payment state changes: the lifecycle endpoints and
 * the clock-driven transitions, all enforcing the contract's state machine.
 *
 * Every change runs as one write transaction (BEGIN IMMEDIATE under the
 * process write lock): load, check the transition, update the document,
 * append the ledger row and queue the webhooks, commit. Any illegal move is
 * 422 failedPrecondition and changes nothing.
 */
#ifndef SANDBOX_LIFECYCLE_H
#define SANDBOX_LIFECYCLE_H

#include "sandbox/sandbox_http.h"

struct sandbox;

/* Settle due RECEIVED payments/refunds, expire due unassigned topups. */
void sandbox_lifecycle_tick(struct sandbox *sb);

#endif
