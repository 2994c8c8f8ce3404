"""Contract: refunds (seed 002): creation rules, maxRefundable, summary
buckets, racing refunds that can never exceed the parent, /refunds."""
import decimal
import threading

from sandbox import (Sandbox, expect_error, new_payment, run_tests, settle,
                     wait_status)

SB = Sandbox("--seed", "5", "--settle-delay-ms", "150")


def settled(amount="15000", currency="CLP", tenant=0):
    p = new_payment(SB, amount=amount, currency=currency, tenant=tenant)
    return settle(SB, p["id"], tenant=tenant)


def summary(pid):
    r = SB.get("/payments/%s/refund" % pid)
    assert r.status == 200, r
    return r.json


def test_partial_refunds_and_summary():
    p = settled("900.00", "USD")
    r = SB.post("/payments/%s/refund" % p["id"],
                {"amount": "150.00", "reason": "Client requested partial"})
    assert r.status == 201, r
    j = r.json
    assert j["status"] == "RECEIVED" and j["totalAmount"] == "150.00"
    assert j["currency"] == "USD" and j["parentPaymentId"] == p["id"]
    child = SB.get("/payments/" + j["refundId"]).json
    assert child["type"] == "REFUND" and child["parentPaymentId"] == p["id"]
    assert child["description"] == "Client requested partial"
    assert child["externalId"] is None
    s = summary(p["id"])
    assert s["parentId"] == p["id"] and len(s["refunds"]) == 1
    sm = s["summary"]
    assert sm["parentAmount"] == "900.00" and sm["totalInProgress"] == "150.00"
    assert sm["maxRefundable"] == "750.00" and sm["inProgressCount"] == 1
    wait_status(SB, j["refundId"], "SETTLED")
    sm = summary(p["id"])["summary"]
    assert sm["totalRefunded"] == "150.00" and sm["completedCount"] == 1
    assert sm["totalInProgress"] == "0.00" and sm["maxRefundable"] == "750.00"
    assert SB.get("/payments/" + p["id"]).json["status"] == "SETTLED"
    r = SB.post("/payments/%s/refund" % p["id"], {"amount": "750.01"})
    expect_error(r, 422, "21")
    r = SB.post("/payments/%s/refund" % p["id"], {})
    assert r.status == 201 and r.json["totalAmount"] == "750.00", r
    r = SB.post("/payments/%s/refund" % p["id"], {})
    expect_error(r, 422, "21")
    wait_status(SB, r.json and SB.get("/payments/%s/refund" % p["id"]).json[
        "refunds"][-1]["id"], "SETTLED")
    par = SB.get("/payments/" + p["id"]).json
    assert par["status"] == "SETTLED" and par["refundedAt"]


def test_failed_refund_bucket():
    p = settled("100.00", "USD")
    SB.faults(once=[{"fault": "refundFailure",
                     "pathPrefix": "/payments/%s/refund" % p["id"]}])
    r = SB.post("/payments/%s/refund" % p["id"], {"amount": "40.00"})
    assert r.status == 201, r
    f = wait_status(SB, r.json["refundId"], "FAILED")
    assert f["type"] == "REFUND"
    sm = summary(p["id"])["summary"]
    assert sm["totalFailed"] == "40.00" and sm["failedCount"] == 1
    assert sm["maxRefundable"] == "100.00"
    r = SB.post("/payments/%s/refund" % p["id"], {"amount": "100.00"})
    assert r.status == 201, r


def test_refund_errors():
    p = settled()
    q = new_payment(SB)

    def refunds_of(pid):
        return [e for e in SB.ledger(action="refund.create")
                if e["detail"] == pid]
    for body, code in (({"amount": 100}, "11"), ({"amount": "1.5"}, "11"),
                       ({"amount": "-5"}, "11"), ({"amount": "0"}, "11"),
                       ({"amount": "abc"}, "11"), ({"amount": "10",
                                                    "extra": 1}, "11")):
        expect_error(SB.post("/payments/%s/refund" % p["id"], body), 400, code)
    expect_error(SB.post("/payments/%s/refund" % ("e" * 24), {}), 404, "31")
    expect_error(SB.post("/payments/%s/refund" % p["id"], {}, tenant=1), 404,
                 "31")
    expect_error(SB.get("/payments/%s/refund" % p["id"], tenant=1), 404, "31")
    expect_error(SB.post("/payments/%s/refund" % q["id"], {}), 422, "21")
    assert refunds_of(p["id"]) == [] and refunds_of(q["id"]) == []
    r = SB.post("/payments/%s/refund" % p["id"], {"amount": "100"})
    child = r.json["refundId"]
    expect_error(SB.post("/payments/%s/refund" % child, {}), 422, "21")


def test_racing_refunds_never_exceed_parent():
    p = settled("1000", "CLP")
    results = []
    lock = threading.Lock()

    def one():
        r = SB.post("/payments/%s/refund" % p["id"], {"amount": "100"})
        with lock:
            results.append(r.status)

    threads = [threading.Thread(target=one) for _ in range(25)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(201) == 10, results
    assert results.count(422) == 15, results
    s = summary(p["id"])
    assert len(s["refunds"]) == 10
    total = sum(decimal.Decimal(x["totalAmount"]) for x in s["refunds"])
    assert total == 1000, total
    assert s["summary"]["maxRefundable"] == "0"
    assert len([e for e in SB.ledger(action="refund.create")
                if e["detail"] == p["id"]]) == 10


def test_racing_full_refunds_exactly_one_wins():
    p = settled("777", "CLP")
    results = []

    def one():
        results.append(SB.post("/payments/%s/refund" % p["id"], {}).status)

    threads = [threading.Thread(target=one) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(201) == 1 and results.count(422) == 11, results


def test_refund_via_post_payments():
    p = settled("3000", "CLP")
    r = SB.post("/payments", {"type": "REFUND", "parentPaymentId": p["id"],
                              "totalAmount": "1000",
                              "description": "via create"})
    assert r.status == 201 and r.json["totalAmount"] == "1000", r
    assert SB.get("/payments/" + r.json["refundId"]).json["description"] == \
        "via create"


def test_tenant_wide_refund_list():
    p = settled("500", "CLP")
    SB.post("/payments/%s/refund" % p["id"], {"amount": "100"})
    for path in ("/refunds", "/refund"):
        r = SB.get(path + "?parentPaymentId=" + p["id"])
        assert r.status == 200, r
        res = r.json["results"]
        assert len(res) == 1 and res[0]["type"] == "REFUND"
        assert r.json["pagination"]["total"] == 1
    allr = SB.list_all("/refunds")
    assert allr and all(x["type"] == "REFUND" for x in allr)
    got = SB.list_all("/refunds", status="SETTLED")
    assert all(x["status"] == "SETTLED" for x in got)
    assert not SB.list_all("/refunds", tenant=1,
                           parentPaymentId=p["id"])


if __name__ == "__main__":
    run_tests(globals())
