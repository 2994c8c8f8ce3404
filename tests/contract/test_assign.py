"""Contract: unassigned topups, assign with PAID/UNDERPAID/OVERPAID and the
companion child, the unassigned lists, and the 48 h expiry on the sandbox
clock (jumped forward, and with --time-scale)."""
import time

from sandbox import (Sandbox, account_for, expect_error, new_payment,
                     run_tests, same_amount, wait_status)

SB = Sandbox("--seed", "9", "--settle-delay-ms", "100")
H = 3600 * 1000


def unassigned(amount="7500.00", currency="ARS", tenant=0, snapshot=None):
    p = new_payment(SB, amount=amount, currency=currency, unassigned=True,
                    tenant=tenant, snapshot=snapshot)
    assert p["type"] == "TOPUP_ACCOUNT" and p["status"] == "CREATED"
    assert p["accountNumber"] is None and p["expiresAt"]
    assert p["destinations"][0]["account"]["accountNumber"] is None
    return p


def test_assign_paid():
    p = unassigned()
    acct = account_for(SB, "ARS")
    r = SB.post("/payments/%s/assign" % p["id"],
                {"accountNumber": acct["accountNumber"]})
    assert r.status == 200, r
    j = r.json
    assert j["status"] == "SETTLED" and j["reconciliationStatus"] == "PAID"
    assert j["paymentId"] == p["id"] and j["settledAt"]
    assert j["accountNumber"] == acct["accountNumber"]
    assert "childPaymentId" not in j
    got = SB.get("/payments/" + p["id"]).json
    assert got["status"] == "SETTLED"
    assert got["accountNumber"] == acct["accountNumber"]
    assert got["destinations"][0]["account"]["accountNumber"] == \
        acct["accountNumber"]
    r = SB.post("/payments/%s/assign" % p["id"],
                {"accountNumber": acct["accountNumber"]})
    expect_error(r, 422, "21")


def test_assign_underpaid_and_overpaid():
    acct = account_for(SB, "ARS")
    for expected, recon, diff in (("10000.00", "UNDERPAID", "2500.00"),
                                  ("7000.00", "OVERPAID", "500.00"),
                                  ("7500.00", "PAID", None)):
        p = unassigned("7500.00")
        r = SB.post("/payments/%s/assign" % p["id"],
                    {"accountId": acct["id"], "expectedAmount": expected})
        assert r.status == 200, r
        assert r.json["reconciliationStatus"] == recon, r
        if diff is None:
            assert "childPaymentId" not in r.json
            continue
        cid = r.json["childPaymentId"]
        assert r.json["relatedPaymentId"] == cid
        child = SB.get("/payments/" + cid).json
        parent = SB.get("/payments/" + p["id"]).json
        assert same_amount(child["totalAmount"], diff), child
        assert child["relatedPaymentId"] == p["id"]
        assert parent["relatedPaymentId"] == cid
        assert parent["status"] == "SETTLED"
        assert child["externalId"] is None


def test_assign_errors():
    p = unassigned()
    acct = account_for(SB, "ARS")
    other = account_for(SB, "ARS", tenant=1)
    expect_error(SB.post("/payments/%s/assign" % p["id"],
                         {"accountNumber": other["accountNumber"]}), 404,
                 "31")
    expect_error(SB.post("/payments/%s/assign" % p["id"],
                         {"accountNumber": acct["accountNumber"]},
                         tenant=1), 404, "31")
    expect_error(SB.post("/payments/%s/assign" % p["id"], {}), 400, "12")
    expect_error(SB.post("/payments/%s/assign" % p["id"],
                         {"accountNumber": acct["accountNumber"],
                          "expectedAmount": 10}), 400, "11")
    expect_error(SB.post("/payments/%s/assign" % p["id"],
                         {"accountNumber": acct["accountNumber"],
                          "expectedAmount": "1.001"}), 400, "11")
    clp = account_for(SB, "CLP")
    expect_error(SB.post("/payments/%s/assign" % p["id"],
                         {"accountNumber": clp["accountNumber"]}), 422, "21")
    assigned = new_payment(SB, currency="ARS", amount="10.00")
    expect_error(SB.post("/payments/%s/assign" % assigned["id"],
                         {"accountNumber": acct["accountNumber"]}), 422,
                 "21")
    assert SB.get("/payments/" + p["id"]).json["status"] == "CREATED"
    # An unassigned topup cannot be captured or authorized.
    expect_error(SB.post("/payments/%s/captured" % p["id"]), 422, "21")


def test_unassigned_lists():
    snap = {"firstName": "Carlos", "lastName": "Nuevo",
            "documentNumber": "23111222331", "email": "carlos@example.com"}
    p = unassigned("1234.50", snapshot=snap)
    r = SB.get("/payments/unassigned?search=nuevo")
    assert r.status == 200, r
    ids = [x["paymentId"] for x in r.json["payments"]]
    assert p["id"] in ids
    item = [x for x in r.json["payments"] if x["paymentId"] == p["id"]][0]
    assert item["amount"] == "1234.50" and item["currency"] == "ARS"
    assert item["originante"]["documentNumber"] == "23111222331"
    assert item["expiresAt"] == p["expiresAt"]
    r = SB.get("/payments/unassigned?amountMin=1234.50&amountMax=1234.50")
    assert [x["paymentId"] for x in r.json["payments"]] == [p["id"]]
    r = SB.get("/payments/unassigned?expiresWithin=6h")
    assert p["id"] not in [x["paymentId"] for x in r.json["payments"]]
    expect_error(SB.get("/payments/unassigned?expiresWithin=7h"), 400, "11")
    r = SB.get("/accounts/unassigned")
    assert r.status == 200 and r.json["count"] >= 1, r
    assert r.json["clientId"] == SB.tenants[0]["clientId"]
    assert p["id"] not in [x["paymentId"] for x in r.json["urgent"]]
    assert SB.get("/payments/unassigned", tenant=1).json["total"] == 0


def test_expiry_on_the_sandbox_clock():
    p = unassigned("300.00")
    SB.advance(47 * H)
    assert SB.get("/payments/" + p["id"]).json["status"] == "CREATED"
    r = SB.get("/accounts/unassigned")
    assert p["id"] in [x["paymentId"] for x in r.json["urgent"]]
    SB.advance(1 * H + 1000)
    e = wait_status(SB, p["id"], "EXPIRED")
    assert e["expiredAt"]
    kids = SB.list_all("/payments", parentPaymentId=p["id"])
    assert len(kids) == 1 and kids[0]["type"] == "REFUND"
    assert same_amount(kids[0]["totalAmount"], "300.00"), kids[0]
    wait_status(SB, kids[0]["id"], "SETTLED")
    acct = account_for(SB, "ARS")
    expect_error(SB.post("/payments/%s/assign" % p["id"],
                         {"accountNumber": acct["accountNumber"]}), 422,
                 "21")
    acts = [e["action"] for e in SB.ledger(objectId=p["id"])]
    assert "payment.expire" in acts


def test_time_scale_makes_48h_pass_in_seconds():
    sb = Sandbox("--time-scale", "200000", "--settle-delay-ms", "1000")
    try:
        p = new_payment(sb, currency="BRL", amount="50.00", unassigned=True)
        t0 = time.time()
        wait_status(sb, p["id"], "EXPIRED", timeout=15)
        assert time.time() - t0 < 10
    finally:
        sb.stop()


if __name__ == "__main__":
    run_tests(globals())
