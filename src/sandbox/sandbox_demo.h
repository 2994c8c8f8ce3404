/*
 * sandbox_demo - --demo-data N: a realistic tenant to look at.
 *
 * The first tenant gets identities and accounts in several currencies,
 * customers at every operation level (names in several scripts, plus a few
 * hostile ones carrying terminal escape sequences and a bidi override),
 * and N payments in total: every type, every reachable status, review items
 * with each documentationStatus, settled payments with full, partial and
 * failed refunds, unassigned topups (some close to expiry) and expired ones
 * with their refund. Dates spread over six months before the sandbox's
 * "now". The second tenant gets a handful of objects of its own. Everything
 * is written in one transaction with prepared statements; a seed gives the
 * same data.
 */
#ifndef SANDBOX_DEMO_H
#define SANDBOX_DEMO_H

#include <stdint.h>

struct sandbox;

/* Generate unless the store already holds payments. Returns 0 or -1 with
 * *cause (caller frees). */
int sandbox_demo_generate(struct sandbox *sb, long n, uint64_t seed,
                          char **cause);

#endif
