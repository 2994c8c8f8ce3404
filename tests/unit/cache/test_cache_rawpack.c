/*
 * The payments' raw JSON stored packed: every text comes back byte for
 * byte (a server object, odd bytes, broken JSON, text written before the
 * packing), a typical object takes well under half its size, and the
 * detail's raw view (cache_payment_get) shows the server's object.
 */
#include "../../test.h"
#include "cache/cache.h"
#include "cache/cache_rawpack.h"
#include "cache_test_util.h"

static const char server_obj[] =
    "{\"id\":\"6a3354fe001396d0a072706a\",\"externalId\":null,"
    "\"identityId\":\"6a0d2f7700000286053a255e\","
    "\"accountNumber\":\"1779267015666a0d2f7700000286053a255e\","
    "\"totalAmount\":\"276511.54\",\"currency\":\"ARS\","
    "\"purchaseAmount\":\"276511.54\",\"purchaseCurrency\":\"ARS\","
    "\"product\":\"ARS:ARS\",\"status\":\"SETTLED\",\"type\":\"REFUND\","
    "\"fees\":[],\"origins\":[{\"type\":\"ACCOUNT\",\"currency\":\"ARS\","
    "\"amount\":\"276511.54\",\"identity\":{\"identityId\":"
    "\"6a0d2f7700000286053a255e\"},\"account\":{\"type\":\"CHECKING\","
    "\"currency\":\"ARS\",\"accountNumber\":"
    "\"1779267015666a0d2f7700000286053a255e\",\"accountHolder\":"
    "\"Pampa Pagos SRL\"}}],\"destinations\":[{\"type\":\"CVU\","
    "\"currency\":\"ARS\",\"amount\":\"276511.54\",\"cvu\":{\"customer\":"
    "{\"firstName\":\"Sebasti\xc3\xa1n\",\"lastName\":\"P\xc3\xa9rez\","
    "\"email\":\"customer2153.t0@example.com\",\"documentType\":\"NIE\","
    "\"documentNumber\":\"418045288\"}}}],"
    "\"createdAt\":\"2026-06-18T02:16:30.855Z\","
    "\"updatedAt\":\"2026-06-18T04:16:30.855Z\",\"authorizedAt\":null,"
    "\"settledAt\":\"2026-06-18T04:16:30.855Z\",\"expiresAt\":null,"
    "\"parentPaymentId\":\"6a3343bd001395465d85f5b7\","
    "\"customerId\":\"6a106b8300087a53cab98061\","
    "\"description\":\"Customer requested a refund\","
    "\"receivedAt\":\"2026-06-18T02:16:30.855Z\",\"unknownKey\":\"x\\\"y\"}";

static void fill(struct payment *p, const char *raw) {
  memset(p, 0, sizeof *p);
  p->id = xstrdup("6a3354fe001396d0a072706a");
  p->identity_id = xstrdup("6a0d2f7700000286053a255e");
  p->account_number = xstrdup("1779267015666a0d2f7700000286053a255e");
  p->total.minor = 27651154;
  snprintf(p->total.currency, sizeof p->total.currency, "ARS");
  snprintf(p->purchase.currency, sizeof p->purchase.currency, "ARS");
  p->product = xstrdup("ARS:ARS");
  p->status = PAYMENT_STATUS_SETTLED;
  p->status_raw = xstrdup("SETTLED");
  p->type = PAYMENT_TYPE_REFUND;
  p->type_raw = xstrdup("REFUND");
  p->parent_payment_id = xstrdup("6a3343bd001395465d85f5b7");
  p->customer_id = xstrdup("6a106b8300087a53cab98061");
  p->description = xstrdup("Customer requested a refund");
  p->created_at = 1781748990855;
  p->updated_at = 1781756190855;
  p->settled_at = 1781756190855;
  p->raw_json = xstrdup(raw);
}

static void roundtrip(const char *raw, size_t *packed_len) {
  struct payment p;
  fill(&p, raw);
  char *packed = cache_rawpack_pack(&p);
  CHECK(packed != NULL);
  if (packed_len)
    *packed_len = strlen(packed);
  char *back = cache_rawpack_unpack(packed, &p);
  CHECK_STR(back, raw);
  free(packed);
  free(back);
  payment_cleanup(&p);
}

static void test_roundtrip(void) {
  size_t n = 0;
  roundtrip(server_obj, &n);
  CHECK(n * 100 < strlen(server_obj) * 45); /* well under half */
  roundtrip("", NULL);
  roundtrip("{}", NULL);
  roundtrip("\x01\x02{\"id\":\"6a3354fe001396d0a072706a\"}\x01", NULL);
  roundtrip("{\"type\":\"unterminated", NULL);
  roundtrip("\"type\"\"status\"\"\"\"\\\"\"", NULL);
  roundtrip("{\"a\\\\\":\"\\\\\",\"type\":\"ARS\"}", NULL);
  roundtrip("not json at all \x01\x01 \"SETTLED\"", NULL);
  /* a text stored before the packing reads back as itself */
  struct payment p;
  fill(&p, "{}");
  char *back = cache_rawpack_unpack(server_obj, &p);
  CHECK_STR(back, server_obj);
  free(back);
  CHECK(cache_rawpack_unpack(NULL, &p) == NULL);
  free(p.raw_json);
  p.raw_json = NULL;
  CHECK(cache_rawpack_pack(&p) == NULL);
  payment_cleanup(&p);
}

/* A time literal printed as the API prints it is referred to by its
 * column (leap day, milliseconds); another spelling is kept as sent. */
static void test_times(void) {
  struct payment p;
  fill(&p, "\"2000-02-29T23:59:58.007Z\"");
  p.created_at = 951868798007;
  char *packed = cache_rawpack_pack(&p);
  CHECK_INT((int64_t)strlen(packed), 4);
  for (const char *b = packed; *b; b++) /* stays ASCII: valid UTF-8 */
    CHECK((unsigned char)*b < 0x80);
  char *back = cache_rawpack_unpack(packed, &p);
  CHECK_STR(back, p.raw_json);
  free(packed);
  free(back);
  free(p.raw_json);
  p.raw_json = xstrdup("\"2000-02-29T23:59:58Z\"");
  packed = cache_rawpack_pack(&p);
  CHECK_INT((int64_t)strlen(packed), 2 + 22);
  back = cache_rawpack_unpack(packed, &p);
  CHECK_STR(back, p.raw_json);
  free(packed);
  free(back);
  payment_cleanup(&p);
}

/* Through the cache: the detail's raw view is the server's object. */
static void test_cache_detail_raw(void) {
  char *dir = tu_mkdtemp();
  char *path = xasprintf("%s/r.db", dir);
  struct cache *c = NULL;
  char *cause = NULL;
  CHECK_INT(cache_open(path, &c, &cause), CACHE_OK);
  free(cause);
  struct payment p, g;
  fill(&p, server_obj);
  CHECK_INT(cache_payments_upsert(c, &p, 1), CACHE_OK);
  CHECK_INT(cache_payment_get(c, p.id, &g), CACHE_OK);
  CHECK_STR(g.raw_json, server_obj);
  payment_cleanup(&g);
  struct payment_list l = {0};
  CHECK_INT(cache_payments_list(c, NULL, KEYSET_CREATED_DESC, NULL, 5, &l,
                                NULL),
            CACHE_OK);
  CHECK_INT((int64_t)l.count, 1);
  if (l.count == 1)
    CHECK_STR(l.items[0].raw_json, server_obj);
  payment_list_cleanup(&l);
  payment_cleanup(&p);
  cache_close(&c);
  free(path);
  tu_rmdir(dir);
}

TEST_LIST = {
    {"roundtrip", test_roundtrip},
    {"times", test_times},
    {"cache_detail_raw", test_cache_detail_raw},
    {NULL, NULL},
};
