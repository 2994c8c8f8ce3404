/*
 * err - descriptions of the core layer's error codes.
 */
#include "core/err.h"

const char *core_strerror(enum core_err err) {
  switch (err) {
  case CORE_OK:
    return "success";
  case CORE_ERR_INVALID:
    return "malformed input";
  case CORE_ERR_PRECISION:
    return "more decimals than the currency allows";
  case CORE_ERR_CURRENCY:
    return "unknown currency";
  case CORE_ERR_CURRENCY_MISMATCH:
    return "currencies differ";
  case CORE_ERR_OVERFLOW:
    return "amount out of range";
  case CORE_ERR_TRANSITION:
    return "illegal status transition";
  }
  return "unknown error";
}
