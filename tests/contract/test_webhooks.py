"""Contract: Model B webhooks signed with X-Webhook-Signature (HMAC-SHA256
of the raw body), verified here by a python receiver; retries with
doubling delays on the sandbox clock; at-least-once delivery."""
import hashlib
import hmac
import http.server
import json
import threading
import time

from sandbox import Sandbox, new_payment, run_tests, settle

SECRET = "whsec-test-secret"


class Receiver:
    def __init__(self):
        self.events = []
        self.bad_signatures = 0
        self.fail_next = 0
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                n = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(n)
                sig = self.headers.get("X-Webhook-Signature", "")
                want = hmac.new(SECRET.encode(), raw,
                                hashlib.sha256).hexdigest()
                with outer.lock:
                    if not hmac.compare_digest(sig, want):
                        outer.bad_signatures += 1
                        code = 401
                    elif outer.fail_next > 0:
                        outer.fail_next -= 1
                        outer.events.append(("FAILED", json.loads(raw)))
                        code = 500
                    else:
                        outer.events.append(("OK", json.loads(raw)))
                        code = 204
                self.send_response(code)
                self.end_headers()

            def log_message(self, *a):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                      Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever,
                         daemon=True).start()

    def ok_events(self):
        with self.lock:
            return [e for s, e in self.events if s == "OK"]

    def wait_for(self, pred, timeout=10):
        end = time.time() + timeout
        while time.time() < end:
            got = [e for e in self.ok_events() if pred(e)]
            if got:
                return got
            time.sleep(0.05)
        raise AssertionError("no matching webhook; got %r" %
                             [(e["eventType"], e.get("transaction", {})
                               .get("status")) for e in self.ok_events()])


RX = Receiver()
SB = Sandbox("--settle-delay-ms", "100", "--webhook-url",
             "http://127.0.0.1:%d/hooks/conomy" % RX.port,
             "--webhook-secret", SECRET)


def test_startup_line_has_the_secret():
    assert SB.info["webhookSecret"] == SECRET


def test_lifecycle_events_are_signed_and_complete():
    p = new_payment(SB)
    settle(SB, p["id"])
    ev = RX.wait_for(lambda e: e["eventType"] == "payment.settled" and
                     e["transaction"]["id"] == p["id"])[0]
    t = ev["transaction"]
    assert t["status"] == "SETTLED" and t["settledAt"]
    assert t["totalAmount"] == p["totalAmount"] and t["currency"] == "CLP"
    for k in ("parentPaymentId", "relatedPaymentId", "customerId",
              "expiredAt", "unsettledAt", "unsettledReason",
              "settlementBatchId", "documentationStatus"):
        assert k in t, k
    assert ev["timestamp"].endswith("Z")
    statuses = [e["transaction"]["status"] for e in RX.ok_events()
                if e["eventType"] == "transaction.status_changed" and
                e["transaction"]["id"] == p["id"]]
    for s in ("CREATED", "CAPTURED", "RECEIVED", "SETTLED"):
        assert s in statuses, statuses
    assert RX.bad_signatures == 0


def test_review_and_refund_events():
    p = new_payment(SB, amount="3000000")
    SB.post("/payments/%s/captured" % p["id"])
    RX.wait_for(lambda e: e["eventType"] == "payment.requiresReview" and
                e["transaction"]["id"] == p["id"])
    SB.post("/payments/%s/documents" % p["id"],
            {"type": "kyc", "url": "https://x.test/a"})
    SB.post("/payments/%s/resolve-review" % p["id"], {"decision": "APPROVED"})
    for name in ("payment.reviewApproved", "payment.reviewResolved"):
        RX.wait_for(lambda e, n=name: e["eventType"] == n and
                    e["transaction"]["id"] == p["id"])
    q = settle(SB, new_payment(SB)["id"])
    r = SB.post("/payments/%s/refund" % q["id"], {"amount": "100"})
    rid = r.json["refundId"]
    ev = RX.wait_for(lambda e: e["eventType"] == "payment.refund.created" and
                     e["transaction"]["id"] == rid)[0]
    assert ev["transaction"]["type"] == "REFUND"
    assert ev["transaction"]["parentPaymentId"] == q["id"]
    RX.wait_for(lambda e: e["eventType"] == "payment.refund.settled" and
                e["transaction"]["id"] == rid)


def test_customer_level_changed():
    c = SB.post("/customers", {"firstName": "Web", "email":
                               "web@example.com"}).json
    SB.post("/customers/%s/documents" % c["id"],
            {"type": "kyc", "url": "https://x.test/k"})
    SB.post("/customers/%s/documents/0/approve" % c["id"], {})
    ev = RX.wait_for(lambda e: e["eventType"] == "customer.levelChanged" and
                     e["customer"]["id"] == c["id"])[0]
    assert "transaction" not in ev
    assert ev["customer"]["documentsCount"] == 1
    assert "documents" not in ev["customer"]


def test_retry_with_backoff_on_the_sandbox_clock():
    with RX.lock:
        RX.fail_next = 1
    p = new_payment(SB)
    # First attempt fails (500); nothing more until 30 s of sandbox time.
    end = time.time() + 5
    while time.time() < end:
        with RX.lock:
            failed = [e for s, e in RX.events if s == "FAILED"]
        if failed:
            break
        time.sleep(0.05)
    assert failed, "the failing attempt never came"
    def key_of(e):
        obj = e.get("transaction") or e.get("customer")
        return (e["eventType"], obj["id"], obj.get("status"), e["timestamp"])

    key = key_of(failed[0])
    time.sleep(0.5)
    assert not [e for e in RX.ok_events() if key_of(e) == key]
    pend = SB.admin("GET", "/webhooks?state=PENDING")["deliveries"]
    assert any(d["attempts"] == 1 and d["lastHttpStatus"] == 500
               for d in pend), pend
    SB.advance(31 * 1000)
    # The retry carries the very same body (and so the same signature).
    RX.wait_for(lambda e: key_of(e) == key)
    assert p["id"]


def test_no_url_records_skipped():
    sb = Sandbox()
    try:
        new_payment(sb)
        d = sb.admin("GET", "/webhooks")["deliveries"]
        assert d and all(x["state"] == "SKIPPED" for x in d)
    finally:
        sb.stop()


if __name__ == "__main__":
    run_tests(globals())
