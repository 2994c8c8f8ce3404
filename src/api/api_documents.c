/*
 * api_documents - presign, multipart upload, register. See
 * api_documents.h.
 */
#include "api/api_documents.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "api/api_actions.h"
#include "api/api_call.h"
#include "api/json_customer.h"
#include "api/json_util.h"
#include "core/xalloc.h"

static char *doc_path(const char *id, const char *suffix) {
  struct strbuf sb;
  strbuf_init(&sb, 0);
  strbuf_puts(&sb, "/payments");
  api_call_path_segment(&sb, id);
  strbuf_puts(&sb, suffix);
  return strbuf_detach(&sb);
}

void api_presign_cleanup(struct api_presign *p) {
  if (p == NULL)
    return;
  free(p->url);
  free(p->canonical_url);
  for (size_t i = 0; i < p->nfields; i++) {
    free(p->field_names[i]);
    free(p->field_values[i]);
  }
  free(p->field_names);
  free(p->field_values);
  memset(p, 0, sizeof(*p));
}

enum api_err api_document_presign(struct api_client *c, const char *payment_id,
                                  const char *type, const char *content_type,
                                  const char *idem_key, struct api_presign *out,
                                  struct api_error *err) {
  cJSON *body, *resp = NULL;
  const cJSON *fields, *f;
  char *path;
  enum api_err rc;

  memset(out, 0, sizeof(*out));
  if (err)
    api_error_clear(err);
  if (payment_id == NULL || payment_id[0] == '\0' || type == NULL) {
    api_error_set(err, API_ERR_CONFIG,
                  "presign needs a payment id and a document type");
    return API_ERR_CONFIG;
  }
  body = cJSON_CreateObject();
  if (body == NULL)
    fatal("out of memory");
  cJSON_AddStringToObject(body, "type", type);
  if (content_type)
    cJSON_AddStringToObject(body, "contentType", content_type);
  path = doc_path(payment_id, "/documents/presign");
  rc = api_call_post(c, path, body, idem_key, &resp, err);
  if (rc != API_OK) {
    /* no presigned uploads here: a local file has no URL to register
     * instead, so the upload is refused rather than faked */
    rc = api_action_not_found(c, payment_id, "presigned document uploads",
                              true, rc, err);
    goto out;
  }
  out->url = json_util_strdup(resp, "url");
  out->canonical_url = json_util_strdup(resp, "canonicalUrl");
  out->expires_at = json_util_time(resp, "expiresAt");
  if (out->url == NULL || out->canonical_url == NULL) {
    rc = API_ERR_PARSE;
    api_error_set(err, rc, "presign answer without url or canonicalUrl");
    goto out;
  }
  fields = cJSON_GetObjectItemCaseSensitive(resp, "fields");
  if (cJSON_IsObject(fields)) {
    size_t n = (size_t)cJSON_GetArraySize(fields);
    out->field_names = xcalloc(n ? n : 1, sizeof(char *));
    out->field_values = xcalloc(n ? n : 1, sizeof(char *));
    cJSON_ArrayForEach(f, fields) {
      if (f->string == NULL || !cJSON_IsString(f) || f->valuestring == NULL)
        continue;
      out->field_names[out->nfields] = xstrdup(f->string);
      out->field_values[out->nfields] = xstrdup(f->valuestring);
      out->nfields++;
    }
  }
out:
  if (rc != API_OK) {
    api_presign_cleanup(out);
    if (err)
      err->code = rc;
  }
  cJSON_Delete(resp);
  free(path);
  return rc;
}

static enum api_err check_file(const char *file_path, int64_t *size,
                               struct api_error *err) {
  struct stat st;
  int fd;
  if (file_path == NULL || file_path[0] == '\0') {
    api_error_set(err, API_ERR_IO, "no file given");
    return API_ERR_IO;
  }
  fd = open(file_path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    api_error_set(err, API_ERR_IO, "cannot open %s: %s", file_path,
                  strerror(errno));
    return API_ERR_IO;
  }
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    api_error_set(err, API_ERR_IO, "%s is not a regular file", file_path);
    return API_ERR_IO;
  }
  close(fd);
  if ((int64_t)st.st_size > API_DOCUMENT_MAX_BYTES) {
    api_error_set(err, API_ERR_IO,
                  "%s is %lld bytes, over the 20 MiB upload limit", file_path,
                  (long long)st.st_size);
    return API_ERR_IO;
  }
  *size = (int64_t)st.st_size;
  return API_OK;
}

static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

enum api_err
api_document_upload(struct api_client *c, const struct api_presign *p,
                    const char *file_path, const char *content_type,
                    api_progress_fn progress, void *ud, struct api_error *err) {
  struct http_part *parts;
  struct http_request rq;
  struct http_response rs;
  int64_t size = 0;
  enum api_err rc;
  size_t n;

  if (err)
    api_error_clear(err);
  if (p == NULL || p->url == NULL) {
    api_error_set(err, API_ERR_CONFIG, "no presigned upload URL");
    return API_ERR_CONFIG;
  }
  rc = check_file(file_path, &size, err);
  if (rc != API_OK)
    return rc;
  parts = xcalloc(p->nfields + 1, sizeof(*parts));
  for (n = 0; n < p->nfields; n++) {
    parts[n].name = p->field_names[n];
    parts[n].value = p->field_values[n];
  }
  parts[n].name = "file";
  parts[n].file_path = file_path;
  parts[n].filename = base_name(file_path);
  parts[n].content_type = content_type;
  n++;

  memset(&rq, 0, sizeof(rq));
  rq.method = HTTP_POST;
  rq.url = p->url;
  rq.headers = NULL; /* the presign is the permission: no API headers */
  rq.parts = parts;
  rq.nparts = n;
  rq.total_timeout_ms = -1;
  rq.progress = progress;
  rq.progress_ud = ud;
  http_response_init(&rs);
  rc = http_perform(c->http, &rq, &rs, err);
  if (rc != API_OK && err)
    err->code = rc;
  http_response_cleanup(&rs);
  free(parts);
  return rc;
}

void api_document_result_cleanup(struct api_document_result *r) {
  if (r == NULL)
    return;
  free(r->payment_id);
  free(r->status_raw);
  free(r->documentation_status);
  free(r->document.type);
  free(r->document.url);
  free(r->document.content_type);
  free(r->document.status);
  memset(r, 0, sizeof(*r));
}

enum api_err api_document_register(struct api_client *c, const char *payment_id,
                                   const char *type, const char *url,
                                   const char *content_type,
                                   const char *idem_key,
                                   struct api_document_result *out,
                                   struct api_error *err) {
  cJSON *body, *resp = NULL;
  const cJSON *doc;
  char *path;
  enum api_err rc;

  if (out)
    memset(out, 0, sizeof(*out));
  if (err)
    api_error_clear(err);
  if (payment_id == NULL || payment_id[0] == '\0' || type == NULL ||
      type[0] == '\0') {
    api_error_set(err, API_ERR_CONFIG,
                  "a document needs a payment id and a type");
    return API_ERR_CONFIG;
  }
  body = cJSON_CreateObject();
  if (body == NULL)
    fatal("out of memory");
  cJSON_AddStringToObject(body, "type", type);
  if (url)
    cJSON_AddStringToObject(body, "url", url);
  if (content_type)
    cJSON_AddStringToObject(body, "contentType", content_type);
  path = doc_path(payment_id, "/documents");
  rc = api_call_post(c, path, body, idem_key, &resp, err);
  if (rc == API_OK && !cJSON_IsObject(resp)) {
    rc = API_ERR_PARSE;
    api_error_set(err, rc, "the answer is not a document record");
  }
  if (rc == API_OK && out) {
    out->payment_id = json_util_strdup(resp, "paymentId");
    if (out->payment_id == NULL)
      out->payment_id = xstrdup(payment_id);
    out->status_raw = json_util_strdup(resp, "status");
    out->documentation_status = json_util_strdup(resp, "documentationStatus");
    doc = cJSON_GetObjectItemCaseSensitive(resp, "document");
    /* the older recipe answers with the document at the top level */
    json_customer_document(cJSON_IsObject(doc) ? doc : resp, &out->document);
  }
  rc = api_error_post_answer(rc, err);
  rc = api_action_not_found(c, payment_id, "document registration", true,
                            rc, err);
  if (rc != API_OK && err)
    err->code = rc;
  cJSON_Delete(resp);
  free(path);
  return rc;
}

enum api_err api_document_upload_file(
    struct api_client *c, const char *payment_id, const char *type,
    const char *file_path, const char *content_type, api_progress_fn progress,
    void *ud, const char *idem_key, struct api_document_result *out,
    struct api_error *err) {
  struct api_presign ps;
  int64_t size;
  enum api_err rc;

  if (out)
    memset(out, 0, sizeof(*out));
  rc = check_file(file_path, &size, err);
  if (rc != API_OK) {
    if (err)
      err->code = rc;
    return rc;
  }
  rc = api_document_presign(c, payment_id, type, content_type, NULL, &ps, err);
  if (rc != API_OK)
    return rc;
  rc = api_document_upload(c, &ps, file_path, content_type, progress, ud, err);
  if (rc == API_OK)
    rc = api_document_register(c, payment_id, type, ps.canonical_url,
                               content_type, idem_key, out, err);
  api_presign_cleanup(&ps);
  return rc;
}
