"""Contract: injected faults (500, 503, 429 + Retry-After, dropped
connections, truncated bodies, commit-then-drop, latency), the request
ledger proving exactly-once, and Idempotency-Key semantics."""
import http.client
import threading
import time

from sandbox import (Sandbox, expect_error, new_payment, run_tests, settle)

SB = Sandbox("--seed", "17", "--settle-delay-ms", "100")


def refunds_of(pid):
    return [e for e in SB.ledger(action="refund.create") if e["detail"] == pid]


def test_error_faults():
    p = new_payment(SB)
    for fault, status in (("500", 500), ("503", 503), ("429", 429)):
        SB.faults(once=[{"fault": fault, "method": "GET",
                         "pathPrefix": "/payments/" + p["id"]}],
                  retryAfterSeconds=7)
        r = SB.get("/payments/" + p["id"])
        expect_error(r, status)
        if status == 429:
            assert r.json["code"] == "32" and r.header("Retry-After") == "7"
        assert SB.get("/payments/" + p["id"]).status == 200
    SB.faults()


def test_rates_and_match():
    SB.faults(error500Rate=1, match={"method": "GET",
                                     "pathPrefix": "/customers"})
    try:
        expect_error(SB.get("/customers?clientId=" + SB.info["clientId"]), 500, "01")
        assert SB.get("/payments?limit=1").status == 200
        assert SB.admin("GET", "/faults")["error500Rate"] == 1
    finally:
        SB.faults()
    assert SB.get("/customers?clientId=" + SB.info["clientId"]).status == 200


def test_drop_before_any_change():
    p = new_payment(SB)
    SB.faults(once=[{"fault": "drop", "pathPrefix":
                     "/payments/%s/captured" % p["id"]}])
    try:
        SB.post("/payments/%s/captured" % p["id"])
        raise AssertionError("expected a dropped connection")
    except (http.client.HTTPException, ConnectionError):
        pass
    assert SB.get("/payments/" + p["id"]).json["status"] == "CREATED"


def test_truncated_body():
    p = new_payment(SB)
    SB.faults(once=[{"fault": "truncate", "method": "GET",
                     "pathPrefix": "/payments/" + p["id"]}])
    try:
        r = SB.get("/payments/" + p["id"])
        raise AssertionError("expected a truncated body, got %r" % r)
    except http.client.IncompleteRead as e:
        assert 0 < len(e.partial) < 2000
    assert SB.get("/payments/" + p["id"]).status == 200


def test_commit_then_drop_refund_happens_once():
    p = settle(SB, new_payment(SB, amount="9000")["id"])
    path = "/payments/%s/refund" % p["id"]
    SB.faults(once=[{"fault": "commitThenDrop", "pathPrefix": path}])
    try:
        SB.post(path, {"amount": "1000"},
                headers={"Idempotency-Key": "refund-once-1"})
        raise AssertionError("expected the connection to drop")
    except (http.client.HTTPException, ConnectionError):
        pass
    # The change was committed even though no answer arrived.
    assert len(refunds_of(p["id"])) == 1
    # A retry with the same key replays instead of refunding again.
    r = SB.post(path, {"amount": "1000"},
                headers={"Idempotency-Key": "refund-once-1"})
    assert r.status == 201 and r.header("Idempotent-Replayed") == "true", r
    assert len(refunds_of(p["id"])) == 1
    led = refunds_of(p["id"])[0]
    assert led["idempotencyKey"] == "refund-once-1" and led["traceId"]
    s = SB.get(path).json["summary"]
    assert s["totalInProgress"] in ("1000", "0") and \
        int(s["maxRefundable"]) == 8000


def test_idempotency_replay_and_mismatch():
    p = settle(SB, new_payment(SB, amount="5000")["id"])
    path = "/payments/%s/refund" % p["id"]
    h = {"Idempotency-Key": "k-" + p["id"]}
    a = SB.post(path, {"amount": "100"}, headers=h)
    b = SB.post(path, {"amount": "100"}, headers=h)
    assert a.status == b.status == 201
    assert a.json == b.json and b.header("Idempotent-Replayed") == "true"
    assert a.header("Idempotent-Replayed") is None
    expect_error(SB.post(path, {"amount": "200"}, headers=h), 422, "21")
    # Errors are replayed too (a 4xx is a result).
    h2 = {"Idempotency-Key": "k2-" + p["id"]}
    e1 = SB.post(path, {"amount": "999999"}, headers=h2)
    e2 = SB.post(path, {"amount": "999999"}, headers=h2)
    assert e1.status == e2.status == 422 and e1.json == e2.json
    # Keys are per tenant: tenant 1 does not see tenant 0's key.
    expect_error(SB.post(path, {"amount": "100"}, headers=h, tenant=1), 404)
    assert len(refunds_of(p["id"])) == 1


def test_idempotency_key_in_flight_is_409():
    p = settle(SB, new_payment(SB, amount="5000")["id"])
    path = "/payments/%s/refund" % p["id"]
    h = {"Idempotency-Key": "slow-" + p["id"]}
    SB.faults(latencyMs=1500, match={"method": "POST", "pathPrefix": path})
    first = []
    t = threading.Thread(target=lambda: first.append(
        SB.post(path, {"amount": "10"}, headers=h)))
    t.start()
    time.sleep(0.5)
    SB.faults()
    second = SB.post(path, {"amount": "10"}, headers=h)
    t.join()
    # The first request holds the key while its answer is delayed.
    assert first[0].status == 201, first[0]
    expect_error(second, 409, "13", "alreadyExist")
    third = SB.post(path, {"amount": "10"}, headers=h)
    assert third.status == 201 and third.json == first[0].json
    assert len(refunds_of(p["id"])) == 1


def test_no_idempotency_option():
    sb = Sandbox("--no-idempotency", "--settle-delay-ms", "50")
    try:
        p = settle(sb, new_payment(sb, amount="5000")["id"])
        path = "/payments/%s/refund" % p["id"]
        h = {"Idempotency-Key": "same"}
        assert sb.post(path, {"amount": "10"}, headers=h).status == 201
        r = sb.post(path, {"amount": "10"}, headers=h)
        assert r.status == 201 and r.header("Idempotent-Replayed") is None
        assert len(sb.get(path).json["refunds"]) == 2
    finally:
        sb.stop()


def test_latency():
    SB.faults(latencyMs=300, match={"method": "GET",
                                    "pathPrefix": "/identities"})
    try:
        t = time.time()
        assert SB.get("/identities").status == 200
        assert time.time() - t >= 0.3
    finally:
        SB.faults()


def test_bad_fault_settings():
    r = SB.raw_request("POST", "/_admin/faults", {"error500Rate": 2})
    expect_error(r, 400, "11")
    r = SB.raw_request("POST", "/_admin/faults", {"bogus": 1})
    expect_error(r, 400, "11")
    r = SB.raw_request("POST", "/_admin/faults",
                       {"once": [{"fault": "explode"}]})
    expect_error(r, 400, "11")
    # Admin is not reachable through the API prefix.
    expect_error(SB.raw_request("GET", "/sandbox/_admin/faults", None,
                                SB.headers()), 404)


def test_deterministic_faults_under_seed():
    seqs = []
    for _ in range(2):
        sb = Sandbox("--seed", "99", "--error-rate", "0.5")
        try:
            seqs.append([sb.get("/identities").status for _ in range(30)])
        finally:
            sb.stop()
    assert seqs[0] == seqs[1], seqs
    assert 500 in seqs[0] and 200 in seqs[0]


if __name__ == "__main__":
    run_tests(globals())
