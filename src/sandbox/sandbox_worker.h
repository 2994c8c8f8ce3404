/*
 * sandbox_worker - the background thread that drives sandbox time.
 *
 * Every few real milliseconds it runs what the sandbox clock says is due:
 * settlement of RECEIVED payments and refunds, expiry of unassigned topups,
 * webhook deliveries and retries. sandbox_worker_run_once() does the same
 * synchronously (the admin clock endpoint uses it after a jump).
 */
#ifndef SANDBOX_WORKER_H
#define SANDBOX_WORKER_H

struct sandbox;
struct sandbox_worker;

struct sandbox_worker *sandbox_worker_start(struct sandbox *sb);
/* Stop the thread and free. NULL ok. */
void sandbox_worker_stop(struct sandbox_worker **wp);
/* Run all due work now (thread-safe; serialised with the worker). */
void sandbox_worker_run_once(struct sandbox *sb);

#endif
