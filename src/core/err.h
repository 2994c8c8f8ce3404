/*
 * err - the core layer's error enum.
 */
#ifndef DESK_CORE_ERR_H
#define DESK_CORE_ERR_H

enum core_err {
  CORE_OK = 0,
  CORE_ERR_INVALID,           /* malformed input */
  CORE_ERR_PRECISION,         /* more decimals than the currency allows */
  CORE_ERR_CURRENCY,          /* unknown currency code */
  CORE_ERR_CURRENCY_MISMATCH, /* arithmetic across two currencies */
  CORE_ERR_OVERFLOW,          /* result does not fit */
  CORE_ERR_TRANSITION,        /* illegal status transition */
};

/* Static description of an error code; never NULL. */
const char *core_strerror(enum core_err err);

#endif
