"""Contract: conomy-sandbox --dialect published serves what the published
conomy_hq docs allow beside the contract (docs/SANDBOX.md, "Dialects"),
and --dialect contract (the default) does not."""
import hashlib
import hmac
import http.server
import json
import subprocess
import threading
import time

from sandbox import (BINARY, Sandbox, expect_error, new_payment, page_items,
                     run_tests, settle)

PUB = Sandbox("--demo-data", "150", "--seed", "5", "--dialect", "published")
CON = Sandbox("--demo-data", "150", "--seed", "5", "--dialect", "contract")


def test_startup_line_names_the_dialect():
    assert PUB.info["dialect"] == "published"
    assert CON.info["dialect"] == "contract"
    # without --dialect: contract
    p = subprocess.Popen([BINARY, "--listen", "127.0.0.1:0", "--quiet"],
                         stdout=subprocess.PIPE)
    try:
        assert json.loads(p.stdout.readline())["dialect"] == "contract"
    finally:
        p.terminate()
        p.wait(10)
    assert p.returncode == 0


def test_dialect_option_is_checked():
    p = subprocess.run([BINARY, "--dialect", "nope"], capture_output=True,
                       timeout=10)
    assert p.returncode == 2 and b"--dialect" in p.stderr, p


def test_accounts_nested_envelope():
    r = PUB.get("/accounts?limit=3")
    assert r.status == 200, r
    assert set(r.json) == {"pagination"}, r.json
    inner = r.json["pagination"]
    assert len(inner["results"]) == 3
    pg = inner["pagination"]
    for k in ("count", "next", "previous", "total"):
        assert k in pg, (k, pg)
    assert pg["next"] == 3 and pg["count"] == 3
    r2 = PUB.get("/accounts?limit=3&next=3")
    ids = {a["id"] for a in r2.json["pagination"]["results"]}
    assert ids and not ids & {a["id"] for a in inner["results"]}
    assert len(PUB.list_all("/accounts")) == pg["total"]
    c = CON.get("/accounts?limit=3").json
    assert "results" in c and c["pagination"]["next"] == 3


def test_identities_paged_by_next_cursor():
    r = PUB.get("/identities?limit=2")
    assert r.status == 200, r
    assert r.json["pagination"]["results"] == []
    first = r.json["data"]
    pg = r.json["pagination"]["pagination"]
    assert len(first) == 2 and pg["next"] == 2 and pg["total"] >= 4
    r = PUB.get("/identities?limit=2&next=%d" % pg["next"])
    second = r.json["data"]
    assert second and not {i["id"] for i in first} & {i["id"] for i in second}
    items, _ = page_items(CON.get("/identities?limit=2").json)
    assert "data" not in CON.get("/identities").json and len(items) == 2


def test_customers_need_client_id():
    expect_error(PUB.get("/customers"), 400, "12", "missingParam")
    r = PUB.get("/customers?clientId=%s&limit=2" % PUB.info["clientId"])
    assert r.status == 200 and len(r.json["results"]) == 2, r
    r = PUB.get("/customers?clientId=%s" % PUB.tenants[1]["clientId"])
    assert r.status == 200 and r.json["results"] == [], r
    assert CON.get("/customers?limit=2").status == 200


def test_limit_capped_at_100():
    for path in ("/payments", "/refunds", "/accounts", "/payments/unassigned"):
        r = PUB.get(path + "?limit=400")
        assert r.status == 200, (path, r)
    r = PUB.get("/payments?limit=400")
    assert len(r.json["results"]) == 100
    assert r.json["pagination"]["limit"] == 100
    expect_error(PUB.get("/payments?limit=0"), 400, "11", "invalidParam")
    expect_error(CON.get("/payments?limit=501"), 400, "11", "invalidParam")


def test_sort_other_than_created_ignored():
    want = [p["id"] for p in PUB.get("/payments?limit=100").json["results"]]
    for s in ("updatedAt:desc", "totalAmount:asc", "nonsense"):
        got = PUB.get("/payments?limit=100&sort=" + s).json["results"]
        assert [p["id"] for p in got] == want, s
    asc = PUB.list_all("/payments", sort="createdAt:asc")
    assert [p["createdAt"] for p in asc] == sorted(p["createdAt"] for p in asc)
    expect_error(CON.get("/payments?sort=nonsense"), 400, "11", "invalidParam")


def _review_item(sb):
    items = sb.list_all("/payments", status="REQUIRES_REVIEW")
    assert items
    return items[0]["id"]


def test_no_review_resolution():
    pid = _review_item(PUB)
    for spelling in ("resolve-review", "resolveReview"):
        r = PUB.post("/payments/%s/%s" % (pid, spelling),
                     {"decision": "APPROVED"})
        expect_error(r, 501, "42", "unimplemented")
    for spelling in ("resolve_review", "review/resolve", "approve", "reject"):
        r = PUB.post("/payments/%s/%s" % (pid, spelling),
                     {"decision": "APPROVED"})
        expect_error(r, 404, "31", "notFound")
    assert PUB.get("/payments/" + pid).json["status"] == "REQUIRES_REVIEW"
    r = CON.post("/payments/%s/resolve-review" % _review_item(CON),
                 {"decision": "REJECTED", "reason": "x"})
    assert r.status == 200 and r.json["status"] == "FAILED", r


def test_trailing_zero_amounts_are_exact():
    # The same database served in the contract dialect gives the
    # canonical text of every amount.
    same = Sandbox("--dialect", "contract", db=PUB.db)
    try:
        con = {p["id"]: p for p in same.list_all("/payments")}
    finally:
        same.stop()
    pub = {p["id"]: p for p in PUB.list_all("/payments")}
    assert pub.keys() == con.keys()
    padded = 0
    for pid, p in pub.items():
        a, b = p["totalAmount"], con[pid]["totalAmount"]
        if a != b:
            padded += 1
            assert a.startswith(b) and set(a[len(b):]) <= set(".0"), (a, b)
        one = PUB.get("/payments/" + pid).json
        assert one["totalAmount"] == a
    assert padded >= 10, padded
    clp = [p["totalAmount"] for p in pub.values()
           if p["currency"] in ("CLP", "COP") and p["totalAmount"] !=
           con[p["id"]]["totalAmount"]]
    assert clp and all(a.endswith(".00") for a in clp), clp


def test_payments_without_customer_id():
    pub = PUB.list_all("/payments")
    missing = [p for p in pub if "customerId" not in p]
    assert len(missing) >= 3
    linked = 0
    for p in missing:
        r = PUB.get("/payments/%s/customer" % p["id"])
        assert r.status == 200, r
        if r.json["attached"]:
            linked += 1
            assert r.json["customer"]["id"]
    assert linked >= 1
    assert all("customerId" in p for p in CON.list_all("/payments"))
    assert all(p["customerId"] is not None for p in CON.list_all("/payments")
               if p["type"] in ("PURCHASE",))


def test_local_deposits_beside_unassigned_topups():
    items = PUB.list_all("/payments", status="CREATED")
    parked = [p for p in items if p["accountNumber"] is None]
    types = {p["type"] for p in parked}
    assert types == {"TOPUP_ACCOUNT", "LOCAL_DEPOSIT"}, types
    dep = [p for p in parked if p["type"] == "LOCAL_DEPOSIT"][0]
    r = PUB.get("/payments/unassigned?limit=100")
    assert dep["id"] in {u["paymentId"] for u in r.json["payments"]}, r.json
    acct = [a for a in PUB.list_all("/accounts", currency=dep["currency"])][0]
    r = PUB.post("/payments/%s/assign" % dep["id"],
                 {"accountNumber": acct["accountNumber"]})
    assert r.status == 200 and r.json["reconciliationStatus"] == "PAID", r
    assert PUB.get("/payments/" + dep["id"]).json["status"] == "SETTLED"
    con = CON.list_all("/payments", type="LOCAL_DEPOSIT")
    assert con == [], con


SECRET = "whsec-dialect"


class Receiver:
    """Keeps (headers, raw body) of every POST; answers 204."""

    def __init__(self):
        self.posts = []
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers["Content-Length"]))
                with outer.lock:
                    outer.posts.append((dict(self.headers), raw))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *a):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                      Handler)
        threading.Thread(target=self.server.serve_forever,
                         daemon=True).start()
        self.url = "http://127.0.0.1:%d/hook" % self.server.server_address[1]

    def model_a(self, event, pid, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            with self.lock:
                for h, raw in self.posts:
                    j = json.loads(raw)
                    if j.get("event") == event and \
                            j["data"]["transaction"]["id"] == pid:
                        return h, raw, j
            time.sleep(0.05)
        raise AssertionError("no %s for %s" % (event, pid))


def test_model_a_webhooks_signed_in_the_body():
    rec = Receiver()
    sb = Sandbox("--dialect", "published", "--webhook-url", rec.url,
                 "--webhook-secret", SECRET, "--settle-delay-ms", "50")
    try:
        p = new_payment(sb)
        settle(sb, p["id"])
        for event, status in (("Transaction.Captured", "CAPTURED"),
                              ("Transaction.Received", "RECEIVED")):
            h, raw, j = rec.model_a(event, p["id"])
            assert list(j) == ["event", "data", "signature"], list(j)
            t = j["data"]["transaction"]
            assert list(t) == ["id", "purchaseAmount", "totalAmount",
                               "externalId", "currency", "status"], list(t)
            assert t["status"] == status
            signed = json.dumps({"event": j["event"], "data": j["data"]},
                                separators=(",", ":"),
                                ensure_ascii=False).encode()
            assert raw == signed[:-1] + b',"signature":"' + \
                j["signature"].encode() + b'"}', raw
            want = hmac.new(SECRET.encode(), signed,
                            hashlib.sha256).hexdigest()
            assert hmac.compare_digest(j["signature"], want)
            assert "X-Webhook-Signature" not in h
        # Model B deliveries continue beside them, signed in the header.
        b = [(h, raw) for h, raw in rec.posts if b'"eventType"' in raw]
        assert b and all(h["X-Webhook-Signature"] == hmac.new(
            SECRET.encode(), raw, hashlib.sha256).hexdigest() for h, raw in b)
    finally:
        sb.stop()
        rec.server.shutdown()


if __name__ == "__main__":
    run_tests(globals())
