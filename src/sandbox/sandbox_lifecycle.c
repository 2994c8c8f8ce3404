/*
 * sandbox_lifecycle - state machine transitions; see sandbox_lifecycle.h.
 */
#include "sandbox/sandbox_lifecycle.h"

#include "sandbox/sandbox.h"

void
sandbox_lifecycle_tick(struct sandbox *sb)
{
  (void)sb;
}
