/*
 * filecheck - the upload dialog's file check (exists, regular, within the
 * 20 MiB limit, size, content type, SHA-256) on a thread of its own, so
 * neither typing nor drawing ever waits for a large file to be read.
 *
 * The digest itself is app_file_digest() (the api layer owns it).
 * The dialog asks for a path as it changes (cheap: it only records it);
 * the thread checks the newest path once the path has stopped changing
 * for FILECHECK_SETTLE_MS, and the dialog reads the result on its next
 * draw or poll. A result is only ever given for the path it was computed
 * for.
 */
#ifndef DESK_UI_FILECHECK_H
#define DESK_UI_FILECHECK_H

#include <stdbool.h>
#include <stddef.h>

#define FILECHECK_SETTLE_MS 60

struct filecheck;

/* Starts the checking thread. Never NULL. */
struct filecheck *filecheck_new(void);
/* Stops and joins the thread (waits for a file being read). NULL is fine. */
void filecheck_free(struct filecheck *fc);
/* Asks for path to be checked ("" clears). */
void filecheck_request(struct filecheck *fc, const char *path);
enum filecheck_state {
  FILECHECK_PENDING = 0, /* not checked yet (or another path is newer) */
  FILECHECK_OK,
  FILECHECK_BAD,
};
/* The result for path; info gets "N bytes  type  sha256 HEX" or why the
 * file cannot be uploaded (both "" while pending). */
enum filecheck_state filecheck_result(struct filecheck *fc, const char *path,
                                      char *info, size_t len);
/* A counter that moves whenever a new result is ready (to redraw). */
unsigned filecheck_generation(struct filecheck *fc);

#endif
