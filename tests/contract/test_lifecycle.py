"""Contract: every row of the state machine table, every illegal move
answered 422 without a change, the review gate, and POST /payments
validation."""
import json

from sandbox import (Sandbox, expect_error, make_payment, new_payment,
                     run_tests, settle, wait_status)

SB = Sandbox("--seed", "3", "--settle-delay-ms", "200")


def status(pid, tenant=0):
    return SB.get("/payments/" + pid, tenant=tenant).json["status"]


def illegal(method_path, pid, body=None):
    """An illegal move: 422 code 21, nothing changes, nothing in ledger."""
    before = SB.get("/payments/" + pid).json
    n = len(SB.ledger())
    r = SB.post(method_path % pid, body)
    expect_error(r, 422, "21", "failedPrecondition")
    assert SB.get("/payments/" + pid).json == before
    assert len(SB.ledger()) == n


def test_created_to_authorized_to_captured():
    p = new_payment(SB)
    assert p["status"] == "CREATED" and p["authorizedAt"] is None
    r = SB.post("/payments/%s/authorized" % p["id"])
    assert r.status == 200 and r.json["status"] == "AUTHORIZED", r
    assert r.json["authorizedAt"]
    illegal("/payments/%s/authorized", p["id"])
    r = SB.post("/payments/%s/captured" % p["id"])
    assert r.status == 200 and r.json["status"] == "CAPTURED", r
    assert r.json["capturedAt"]


def test_created_to_captured():
    p = new_payment(SB)
    r = SB.post("/payments/%s/captured" % p["id"], {})
    assert r.json["status"] == "CAPTURED", r
    illegal("/payments/%s/captured", p["id"])
    illegal("/payments/%s/authorized", p["id"])
    illegal("/payments/%s/request-review", p["id"])
    illegal("/payments/%s/resolve-review", p["id"], {"decision": "APPROVED"})
    illegal("/payments/%s/refund", p["id"], {})


def test_captured_received_settled():
    p = new_payment(SB)
    SB.post("/payments/%s/captured" % p["id"])
    r = SB.post("/payments/received", {"transactionId": p["id"],
                                       "signature": "00" * 32})
    expect_error(r, 400, "11", "invalidParam")
    assert status(p["id"]) == "CAPTURED"
    r = SB.post("/payments/received", {"transactionId": p["id"]})
    expect_error(r, 400, "12")
    r = SB.post("/payments/received", {"transactionId": p["id"],
                                       "signature": SB.signature(p["id"])})
    assert r.status == 200 and r.json["status"] == "RECEIVED", r
    s = wait_status(SB, p["id"], "SETTLED")
    assert s["settledAt"] and s["settlementBatchId"]
    illegal("/payments/%s/captured", p["id"])
    illegal("/payments/%s/authorized", p["id"])
    acts = [e["action"] for e in SB.ledger(objectId=p["id"])]
    assert acts == ["payment.create", "payment.capture", "payment.received",
                    "payment.reconcile"], acts


def test_received_requires_captured():
    p = new_payment(SB)
    r = SB.post("/payments/received", {"transactionId": p["id"],
                                       "signature": SB.signature(p["id"])})
    expect_error(r, 422, "21")
    assert status(p["id"]) == "CREATED"
    r = SB.post("/payments/received", {"transactionId": "f" * 24,
                                       "signature": SB.signature("f" * 24)})
    expect_error(r, 404, "31")


def test_received_to_unsettled_by_fault():
    p = new_payment(SB)
    SB.post("/payments/%s/captured" % p["id"])
    SB.faults(once=[{"fault": "unsettled", "pathPrefix": "/payments/received"}])
    SB.post("/payments/received", {"transactionId": p["id"],
                                   "signature": SB.signature(p["id"])})
    u = wait_status(SB, p["id"], "UNSETTLED")
    assert u["unsettledAt"]
    SB.faults()


def test_provider_failure_on_capture_and_authorize():
    p = new_payment(SB)
    SB.faults(once=[{"fault": "providerFailure",
                     "pathPrefix": "/payments/%s/captured" % p["id"]}])
    r = SB.post("/payments/%s/captured" % p["id"])
    assert r.status == 200 and r.json["status"] == "FAILED", r
    illegal("/payments/%s/captured", p["id"])
    q = new_payment(SB)
    SB.post("/payments/%s/authorized" % q["id"])
    SB.faults(providerFailureRate=1)
    try:
        r = SB.post("/payments/%s/captured" % q["id"])
        assert r.json["status"] == "FAILED", r
    finally:
        SB.faults()


def test_review_gate_and_approval():
    # At or above the CLP threshold (1,000,000) with an undocumented
    # customer: capture lands in review.
    p = new_payment(SB, amount="1000000")
    r = SB.post("/payments/%s/captured" % p["id"])
    assert r.status == 200, r
    assert r.json["status"] == "REQUIRES_REVIEW"
    assert r.json["documentationStatus"] == "PENDING_UPLOAD"
    assert r.json["reviewReason"]
    illegal("/payments/%s/resolve-review", p["id"], {"decision": "APPROVED"})
    r = SB.post("/payments/%s/documents" % p["id"], {"type": "INVOICE"})
    assert r.status == 201 and r.json["document"]["status"] == \
        "PENDING_UPLOAD", r
    assert r.json["documentationStatus"] == "PENDING_UPLOAD"
    r = SB.post("/payments/%s/documents" % p["id"],
                {"type": "source_of_funds", "url": "https://x.test/sof.pdf",
                 "contentType": "application/pdf"})
    assert r.status == 201 and r.json["documentationStatus"] == "UPLOADED", r
    r = SB.post("/payments/%s/resolveReview" % p["id"],
                {"decision": "APPROVED"})
    assert r.status == 200 and r.json["status"] == "CAPTURED", r
    assert r.json["documentationStatus"] == "APPROVED"
    below = new_payment(SB, amount="999999")
    assert SB.post("/payments/%s/captured" % below["id"]).json["status"] == \
        "CAPTURED"


def test_review_rejection():
    p = new_payment(SB, amount="2000000")
    SB.post("/payments/%s/authorized" % p["id"])
    assert SB.post("/payments/%s/captured" % p["id"]).json["status"] == \
        "REQUIRES_REVIEW"
    r = SB.post("/payments/%s/resolve-review" % p["id"],
                {"decision": "REJECTED"})
    expect_error(r, 400, "12")
    r = SB.post("/payments/%s/resolve-review" % p["id"],
                {"decision": "MAYBE", "reason": "x"})
    expect_error(r, 400, "11")
    r = SB.post("/payments/%s/resolve-review" % p["id"],
                {"decision": "REJECTED", "reason": "no source of funds"})
    assert r.status == 200 and r.json["status"] == "FAILED", r
    assert r.json["documentationStatus"] == "REJECTED"
    illegal("/payments/%s/documents", p["id"], {"type": "kyc"})


def test_request_review():
    p = new_payment(SB)
    r = SB.post("/payments/%s/request-review" % p["id"],
                {"reason": "manual high-value check", "force": True})
    assert r.status == 200 and r.json["status"] == "REQUIRES_REVIEW", r
    assert r.json["documentationStatus"] == "PENDING_UPLOAD"
    q = new_payment(SB)
    SB.post("/payments/%s/authorized" % q["id"])
    r = SB.post("/payments/%s/request-review" % q["id"])
    assert r.json["status"] == "REQUIRES_REVIEW", r


def test_documented_customer_skips_review():
    r = SB.post("/customers", {"firstName": "Docu", "lastName": "Mented",
                               "documentNumber": "DOCUMENTED-1",
                               "email": "docu@example.com"})
    assert r.status == 201, r
    cid = r.json["id"]
    assert r.json["operationLevel"] == "BASIC"
    assert r.json["isDocumented"] is False and r.json["autoCreated"] is False
    r = SB.post("/customers/%s/documents" % cid,
                {"type": "kyc", "url": "https://x.test/id.jpg",
                 "contentType": "image/jpeg"})
    assert r.status == 201 and r.json["isDocumented"] is False, r
    r = SB.post("/customers/%s/documents/0/approve" % cid, {})
    assert r.status == 200 and r.json["isDocumented"] is True, r
    assert r.json["operationLevel"] == "STANDARD"
    p = new_payment(SB, amount="5000000", customer_id=cid)
    assert p["customerId"] == cid
    r = SB.post("/payments/%s/captured" % p["id"])
    assert r.json["status"] == "CAPTURED", r


def test_snapshot_customer_matching():
    snap = {"firstName": "Zoë", "lastName": "Ångström",
            "email": "zoe@example.com", "documentNumber": "SNAP-1"}
    a = new_payment(SB, snapshot=snap)
    b = new_payment(SB, snapshot=dict(snap, email="other@example.com"))
    c = new_payment(SB, snapshot=dict(snap, documentNumber="SNAP-2"))
    assert a["customerId"] and a["customerId"] == b["customerId"]
    assert c["customerId"] == a["customerId"]  # matched on email
    cu = SB.get("/customers/" + a["customerId"]).json
    assert cu["autoCreated"] is True and cu["operationLevel"] == "BASIC"
    r = SB.get("/payments/%s/customer" % a["id"])
    assert r.json["attached"] is True and r.json["customer"]["id"] == \
        a["customerId"]


def test_inactive_customer_cannot_capture():
    r = SB.post("/customers", {"firstName": "Ina", "email": "ina@example.com",
                               "operationLevel": "INACTIVE"})
    cid = r.json["id"]
    expect_error(make_payment(SB, customer_id=cid), 422, "21")
    r = SB.post("/customers", {"firstName": "Later",
                               "email": "later@example.com"})
    cid = r.json["id"]
    p = new_payment(SB, customer_id=cid)
    r = SB.patch("/customers/" + cid, {"operationLevel": "INACTIVE"})
    assert r.status == 200 and r.json["operationLevel"] == "INACTIVE", r
    illegal("/payments/%s/captured", p["id"])


def test_internal_types_settle_at_once():
    a = SB.get("/accounts?currency=CLP").json["results"]
    if len(a) < 2:
        from sandbox import account_for
        account_for(SB, "CLP")
    acct = SB.get("/accounts?currency=CLP").json["results"][0]
    body = {"type": "P2P", "product": "CLP:CLP", "totalAmount": "5000",
            "currency": "CLP", "accountNumber": acct["accountNumber"],
            "origins": [{"type": "ACCOUNT", "currency": "CLP",
                         "account": {"accountNumber": acct["accountNumber"]}}],
            "destinations": [{"type": "ACCOUNT", "currency": "CLP",
                              "account": {"accountNumber":
                                          acct["accountNumber"]}}]}
    r = SB.post("/payments", body)
    assert r.status == 200 and r.json["status"] == "SETTLED", r
    assert r.json["settledAt"]
    assert r.json["destinations"][0]["account"]["accountHolder"]


def test_cross_currency_product():
    acct = SB.get("/accounts?currency=CLP").json["results"][0]
    body = {"type": "PURCHASE", "product": "USD:CLP", "purchaseAmount":
            "10.00", "purchaseCurrency": "USD", "currency": "CLP",
            "accountNumber": acct["accountNumber"],
            "origins": [{"type": "CARD", "currency": "USD",
                         "card": {"token": "tok_1"}}],
            "destinations": [{"type": "ACCOUNT", "currency": "CLP",
                              "account": {"accountNumber":
                                          acct["accountNumber"]}}]}
    r = SB.post("/payments", body)
    assert r.status == 200, r
    assert r.json["purchaseAmount"] == "10.00"
    assert r.json["totalAmount"] == "9500" and r.json["currency"] == "CLP"


def test_create_validation():
    acct = SB.get("/accounts?currency=CLP").json["results"][0]
    good = {"type": "PURCHASE", "product": "CLP:CLP", "purchaseAmount": "100",
            "purchaseCurrency": "CLP", "currency": "CLP",
            "accountNumber": acct["accountNumber"],
            "origins": [{"type": "WEBPAY", "currency": "CLP", "webpay": {}}],
            "destinations": [{"type": "ACCOUNT", "currency": "CLP",
                              "account": {"accountNumber":
                                          acct["accountNumber"]}}]}
    assert SB.post("/payments", good).status == 200

    def bad(status, code, **changes):
        body = json.loads(json.dumps(good))
        for k, v in changes.items():
            if v is None:
                body.pop(k, None)
            else:
                body[k] = v
        n = len(SB.ledger())
        expect_error(SB.post("/payments", body), status, code)
        assert len(SB.ledger()) == n

    bad(400, "12", origins=None)
    bad(400, "11", origins=[])
    bad(400, "12", destinations=None)
    bad(400, "12", type=None)
    bad(400, "11", type="WIRE")
    bad(403, "43", type="FEE")
    bad(400, "12", product=None)
    bad(400, "11", product="CLP:USD")
    bad(400, "11", totalAmount="100")
    bad(400, "12", purchaseAmount=None)
    bad(400, "11", purchaseAmount=100)
    bad(400, "11", purchaseAmount="100.5")
    bad(400, "11", purchaseAmount="-5")
    bad(400, "11", purchaseAmount="1e3")
    bad(400, "11", purchaseAmount="")
    bad(400, "11", purchaseCurrency="XYZ", currency="XYZ", product="XYZ:XYZ")
    bad(400, "11", colour="red")
    bad(400, "11", externalId=12)
    bad(404, "31", accountNumber="999")
    bad(404, "31", identityId="a" * 24)
    bad(404, "31", customerId="b" * 24)
    bad(400, "11", origins=[{"type": "NOPE", "currency": "CLP"}])
    bad(400, "11", origins=[{"type": "CARD"}])
    bad(400, "12", origins=[{"type": "CARD", "currency": "CLP"},
                            {"type": "CARD", "currency": "CLP"}])
    expect_error(SB.post("/payments", "{bad json"), 400, "14",
                 "parsingResource")
    expect_error(SB.post("/payments", "[1,2]"), 400, "11")
    expect_error(SB.post("/payments", "{} trailing"), 400, "14")
    big = dict(good, description="x" * (1024 * 1024 + 10))
    expect_error(SB.post("/payments", big), 413)


def test_lifecycle_bodies_are_strict():
    p = new_payment(SB)
    expect_error(SB.post("/payments/%s/captured" % p["id"], {"x": 1}), 400,
                 "11")
    expect_error(SB.post("/payments/%s/captured" % p["id"], "nope"), 400,
                 "14")
    assert status(p["id"]) == "CREATED"
    expect_error(SB.post("/payments/%s/captured" % ("0" * 24)), 404, "31")
    expect_error(SB.post("/payments/%s/captured" % p["id"], tenant=1), 404,
                 "31")


def _race(calls):
    import threading
    out = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(i):
        barrier.wait()
        out[i] = calls[i]()

    ts = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return out


def test_racing_transitions_end_in_one_legal_state():
    for _ in range(5):
        p = new_payment(SB)
        SB.post("/payments/%s/authorized" % p["id"])
        a, b = _race([
            lambda: SB.post("/payments/%s/captured" % p["id"]),
            lambda: SB.post("/payments/%s/request-review" % p["id"])])
        assert sorted([a.status, b.status]) == [200, 422], (a, b)
        final = status(p["id"])
        winner = a if a.status == 200 else b
        assert final == winner.json["status"]
        assert final in ("CAPTURED", "REQUIRES_REVIEW")
    for _ in range(5):
        p = new_payment(SB, amount="3000000")
        SB.post("/payments/%s/captured" % p["id"])
        SB.post("/payments/%s/documents" % p["id"],
                {"type": "kyc", "url": "https://x.test/k"})
        a, b, c = _race([
            lambda: SB.post("/payments/%s/resolve-review" % p["id"],
                            {"decision": "APPROVED"}),
            lambda: SB.post("/payments/%s/resolve-review" % p["id"],
                            {"decision": "REJECTED", "reason": "r"}),
            lambda: SB.post("/payments/%s/captured" % p["id"])])
        assert [a.status, b.status].count(200) == 1, (a, b)
        assert c.status == 422, c
        final = status(p["id"])
        assert final in ("CAPTURED", "FAILED")
        acts = [e["action"] for e in SB.ledger(objectId=p["id"])]
        assert acts.count("payment.review.approve") + \
            acts.count("payment.review.reject") == 1, acts


if __name__ == "__main__":
    run_tests(globals())
