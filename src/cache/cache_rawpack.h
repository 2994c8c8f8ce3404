/*
 * cache_rawpack - a payment's raw JSON stored compactly (schema v8).
 *
 * The raw object is kept byte for byte (the detail's raw view, the
 * export), but most of its text repeats what the row's columns hold (ids,
 * statuses, times) and key names every row has. Packed, each string
 * literal that is exactly "<value of one of the row's columns>" becomes
 * 0x01 and the column's code, each literal that is exactly one of the key
 * names of a fixed table 0x01 and the key's code, and a 0x01 byte of the
 * text 0x01 0x01 (cJSON never prints one: control characters are
 * escaped). Unpacking reverses it with the same row's columns, so any
 * text comes back exactly, JSON or not. A packed text starts with the two
 * bytes 0x01 0x02; a stored text without them (rows written before v8) is
 * the raw JSON itself.
 *
 * The key table and the column codes are part of the file format and
 * never change (a new table needs a new marker). The columns a packed
 * text refers to must only change together with raw_json (the upsert
 * writes both): a later UPDATE of one of them alone would change the
 * unpacked text. customer_id and the customer's name, email and document
 * are never referred to, so a link to the directory may fill them.
 */
#ifndef DESK_CACHE_CACHE_RAWPACK_H
#define DESK_CACHE_CACHE_RAWPACK_H

#include "core/payment.h"

/* p->raw_json packed against p's other fields; NULL when it is NULL.
 * Caller frees. */
char *cache_rawpack_pack(const struct payment *p);
/* The raw JSON of a stored text read with the row's fields in p (every
 * field but raw_json already set). Caller frees. */
char *cache_rawpack_unpack(const char *stored, const struct payment *p);

#endif
