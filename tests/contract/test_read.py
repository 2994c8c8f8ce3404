"""Contract: auth, tenancy, GET /payments (envelope, filters, sort, dates)
and GET /payments/{id} against demo data."""
import re
import urllib.parse

from sandbox import PUBLISHED, Sandbox, UA, expect_error, run_tests

SB = Sandbox("--demo-data", "120", "--seed", "11")
ID_RE = re.compile(r"^[0-9a-f]{24}$")
TS_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def test_startup_line():
    info = SB.info
    for k in ("baseUrl", "apiKey", "clientId", "clientSecret",
              "providerSecret", "webhookSecret", "tenants"):
        assert info.get(k), k
    assert info["baseUrl"].startswith("http://127.0.0.1:")
    assert info["baseUrl"].endswith("/sandbox")
    assert len(info["tenants"]) >= 2
    assert info["tenants"][0]["apiKey"] == info["apiKey"]
    assert info["tenants"][0]["apiKey"] != info["tenants"][1]["apiKey"]


def test_seed_is_deterministic():
    other = Sandbox("--seed", "11")
    try:
        assert other.info["apiKey"] == SB.info["apiKey"]
        assert other.info["clientSecret"] == SB.info["clientSecret"]
    finally:
        other.stop()


def test_auth_errors():
    t = SB.tenants[0]
    p = SB.prefix + "/auth"
    r = SB.raw_request("POST", p, {"clientId": t["clientId"],
                                   "clientSecret": "wrong"},
                       {"x-api-key": t["apiKey"]})
    expect_error(r, 401, "41", "unauthorized")
    r = SB.raw_request("POST", p, {"clientId": t["clientId"],
                                   "clientSecret": t["clientSecret"]}, {})
    expect_error(r, 401, "41")
    r = SB.raw_request("POST", p, {"clientId": t["clientId"]},
                       {"x-api-key": t["apiKey"]})
    expect_error(r, 400, "12", "missingParam")
    r = SB.raw_request("POST", p, "{not json", {"x-api-key": t["apiKey"]})
    expect_error(r, 400, "14", "parsingResource")
    r = SB.raw_request("POST", p, {"clientId": t["clientId"],
                                   "clientSecret": t["clientSecret"]},
                       {"x-api-key": t["apiKey"]})
    assert r.status == 200, r
    assert r.json["tokenType"] == "Bearer"
    assert r.json["expiresIn"] == 3600
    assert r.json["accessToken"].count(".") == 2


def test_protected_calls_need_all_headers():
    h = SB.headers()
    path = SB.prefix + "/payments"
    for drop in ("x-api-key", "Authorization", "User-Agent"):
        hh = {k: v for k, v in h.items() if k != drop}
        expect_error(SB.raw_request("GET", path, None, hh), 401, "41")
    hh = dict(h, Authorization="Bearer " + SB.token(1))
    expect_error(SB.raw_request("GET", path, None, hh), 401, "41")
    hh = dict(h, Authorization=h["Authorization"][:-2] + "xx")
    expect_error(SB.raw_request("GET", path, None, hh), 401, "41")


def test_expired_token():
    sb = Sandbox("--token-ttl", "1")
    try:
        h = sb.headers()
        assert sb.get("/payments").status == 200
        import time
        time.sleep(2.2)
        r = sb.raw_request("GET", sb.prefix + "/payments", None, h)
        expect_error(r, 401, "41")
    finally:
        sb.stop()


def test_list_envelope_and_paging():
    r = SB.get("/payments?limit=7&offset=0")
    assert r.status == 200, r
    assert r.header("X-Trace-Id")
    pg = r.json["pagination"]
    assert pg["limit"] == 7 and pg["offset"] == 0
    assert pg["count"] == 7 and pg["total"] == 120
    assert pg["next"] == 7 and pg["previous"] is None
    r2 = SB.get("/payments?limit=7&offset=7")
    assert r2.json["pagination"]["previous"] == 0
    ids1 = [p["id"] for p in r.json["results"]]
    ids2 = [p["id"] for p in r2.json["results"]]
    assert not set(ids1) & set(ids2)
    last = SB.get("/payments?limit=50&offset=100").json["pagination"]
    assert last["count"] == 20 and last["next"] is None
    assert last["previous"] == 50
    allp = SB.list_all("/payments")
    assert len(allp) == 120
    assert len({p["id"] for p in allp}) == 120
    # A page larger than the maximum: 400 in the contract, 100 items in
    # the published dialect.
    r = SB.get("/payments?limit=501")
    if PUBLISHED:
        assert r.status == 200 and len(r.json["results"]) == 100, r
        assert r.json["pagination"]["next"] == 100
    else:
        expect_error(r, 400, "11", "invalidParam")


def test_default_sort_is_created_desc():
    res = SB.list_all("/payments")
    created = [p["createdAt"] for p in res]
    assert created == sorted(created, reverse=True)
    res = SB.list_all("/payments", sort="createdAt:asc")
    assert [p["createdAt"] for p in res] == sorted(created)
    res = SB.list_all("/payments", sort="updatedAt:desc")
    if PUBLISHED:
        # sort fields other than createdAt are ignored
        assert [p["createdAt"] for p in res] == created
        res = SB.list_all("/payments", sort="foo:up")
        assert [p["createdAt"] for p in res] == created
        return
    up = [p["updatedAt"] for p in res]
    assert up == sorted(up, reverse=True)
    res = SB.get("/payments?limit=500&type=PURCHASE&sort=totalAmount:asc"
                 "&status=SETTLED").json["results"]
    by_cur = {}
    for p in res:
        by_cur.setdefault(p["currency"], []).append(p["totalAmount"])
    for cur, amounts in by_cur.items():
        vals = [float(a) for a in amounts]  # test-only ordering check
        assert vals == sorted(vals), (cur, amounts)


def test_bad_list_parameters():
    contract_only = ("limit=501", "sort=foo:asc", "sort=createdAt:up")
    for q in contract_only if not PUBLISHED else ():
        expect_error(SB.get("/payments?" + q), 400, "11", "invalidParam")
    for q in ("limit=0", "limit=abc", "offset=-1", "startDate=2025-01-01",
              "endDate=32/01/2025", "status=NOPE", "status=SETTLED,,FAILED",
              "type=WIRE"):
        expect_error(SB.get("/payments?" + q), 400, "11", "invalidParam")


def test_status_and_type_filters():
    allp = SB.list_all("/payments")
    statuses = {p["status"] for p in allp}
    for s in ("CREATED", "AUTHORIZED", "REQUIRES_REVIEW", "CAPTURED",
              "RECEIVED", "SETTLED", "FAILED", "EXPIRED", "UNSETTLED"):
        assert s in statuses or s == "RECEIVED", (s, statuses)
    types = {p["type"] for p in allp}
    for t in ("PURCHASE", "TOPUP_ACCOUNT", "WITHDRAWAL_ACCOUNT", "REFUND"):
        assert t in types, (t, types)
    got = SB.list_all("/payments", status="SETTLED,FAILED")
    assert got and all(p["status"] in ("SETTLED", "FAILED") for p in got)
    assert len(got) == sum(p["status"] in ("SETTLED", "FAILED") for p in allp)
    got = SB.list_all("/payments", type="REFUND")
    assert got and all(p["parentPaymentId"] for p in got)
    one = allp[5]
    got = SB.list_all("/payments", accountNumber=one["accountNumber"]) \
        if one["accountNumber"] else []
    assert all(p["accountNumber"] == one["accountNumber"] for p in got)
    got = SB.list_all("/payments", customerId=one["customerId"]) \
        if one.get("customerId") else []
    assert all(p.get("customerId", one["customerId"]) ==
                   one["customerId"] for p in got)


def test_date_filters():
    allp = SB.list_all("/payments")
    day = sorted(p["createdAt"] for p in allp)[len(allp) // 2][:10]
    y, m, d = day.split("-")
    q = "%s/%s/%s" % (d, m, y)
    got = SB.list_all("/payments", startDate=q, endDate=q)
    want = [p for p in allp if p["createdAt"][:10] == day]
    assert len(got) == len(want) and got, (day, len(got), len(want))
    got = SB.list_all("/payments", startDate=q)
    assert len(got) == sum(p["createdAt"][:10] >= day for p in allp)


def test_payment_object_shape():
    padded = 0
    no_customer = 0
    for p in SB.list_all("/payments"):
        assert ID_RE.match(p["id"]), p["id"]
        for k in ("externalId", "identityId", "accountNumber", "totalAmount",
                  "currency", "status", "type", "createdAt", "updatedAt",
                  "authorizedAt", "capturedAt", "settledAt", "refundedAt",
                  "expiresAt", "documentationStatus", "reviewReason",
                  "parentPaymentId", "relatedPaymentId",
                  "origins", "destinations", "fees", "product",
                  "purchaseAmount", "purchaseCurrency"):
            assert k in p, (k, p["id"])
        if "customerId" not in p:
            assert PUBLISHED, ("customerId", p["id"])
            no_customer += 1
            r = SB.get("/payments/%s/customer" % p["id"])
            assert r.status == 200 and r.json["paymentId"] == p["id"], r
        assert isinstance(p["totalAmount"], str)
        exp = {"CLP": 0, "COP": 0, "PYG": 0, "USDC": 6, "USDT": 6}.get(
            p["currency"], 2)
        frac = p["totalAmount"].split(".")[1] if "." in p["totalAmount"] \
            else ""
        if PUBLISHED and len(frac) > exp:
            # trailing zeros beyond the exponent; the value is exact
            assert set(frac[exp:]) == {"0"}, p["totalAmount"]
            padded += 1
        else:
            assert len(frac) == exp, (p["currency"], p["totalAmount"])
        assert TS_RE.match(p["createdAt"]) and TS_RE.match(p["updatedAt"])
        assert p["product"] == "%s:%s" % (p["purchaseCurrency"],
                                          p["currency"])
        assert p["origins"] and p["destinations"]
        for n in p["origins"] + p["destinations"]:
            assert "type" in n and "currency" in n
            if n["type"] == "ACCOUNT":
                a = n["account"]
                for k in ("type", "currency", "accountNumber",
                          "accountHolder"):
                    assert k in a, (k, p["id"])
        if p["status"] == "REQUIRES_REVIEW":
            assert p["documentationStatus"] in ("PENDING_UPLOAD", "UPLOADED")
    if PUBLISHED:
        assert padded > 5 and no_customer > 3, (padded, no_customer)


def test_get_one_and_tenancy():
    p = SB.first("/payments?limit=1")
    r = SB.get("/payments/" + p["id"])
    assert r.status == 200 and r.json == p
    expect_error(SB.get("/payments/" + p["id"], tenant=1), 404, "31",
                 "notFound")
    expect_error(SB.get("/payments/" + "0" * 24), 404, "31")
    expect_error(SB.get("/payments/not-an-id"), 404, "31")
    other = SB.list_all("/payments", tenant=1)
    assert other and not ({x["id"] for x in other} &
                          {x["id"] for x in SB.list_all("/payments")})


def test_hostile_names_in_demo():
    blob = SB.get("/payments?limit=500").raw.decode("utf-8")
    assert "\\u001b]0;pwned\\u0007" in blob
    assert "\\u001b[2J" in blob
    assert "\u202e" in blob


def test_unknown_route_and_method():
    expect_error(SB.get("/nope"), 404, "31")
    r = SB.request("DELETE", "/payments")
    expect_error(r, 405)
    assert "GET" in (r.header("Allow") or "")
    r = SB.raw_request("GET", "/elsewhere", None, {"User-Agent": UA})
    expect_error(r, 404)


def test_remote_listen_refused():
    import subprocess
    from sandbox import BINARY
    p = subprocess.run([BINARY, "--listen", "0.0.0.0:0"],
                       capture_output=True, timeout=10)
    assert p.returncode != 0
    assert b"loopback" in p.stderr


def test_help_version_and_usage_errors():
    import subprocess
    from sandbox import BINARY
    p = subprocess.run([BINARY, "--help"], capture_output=True, timeout=10)
    assert p.returncode == 0
    for opt in (b"--listen", b"--db", b"--demo-data", b"--seed",
                b"--settle-delay-ms", b"--time-scale", b"--webhook-url",
                b"--webhook-secret", b"--no-idempotency", b"--faults",
                b"--commit-drop-rate", b"--allow-remote"):
        assert opt in p.stdout, opt
    p = subprocess.run([BINARY, "--version"], capture_output=True, timeout=10)
    assert p.returncode == 0 and p.stdout.startswith(b"conomy-sandbox ")
    for bad in (["--demo-data", "-1"], ["--seed", "x"], ["--bogus"],
                ["--time-scale", "0"], ["--error-rate", "2"],
                ["--webhook-url", "https://x"], ["--faults", "[]"],
                ["--review-threshold", "CLP"], ["extra"]):
        p = subprocess.run([BINARY] + bad, capture_output=True, timeout=10)
        assert p.returncode == 2, (bad, p.returncode, p.stderr)
        assert p.stderr, bad


def test_refuses_a_foreign_database():
    import sqlite3
    import subprocess
    import tempfile
    from sandbox import BINARY
    path = tempfile.mktemp(suffix=".db")
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE something(x)")
    con.commit()
    con.close()
    p = subprocess.run([BINARY, "--db", path, "--listen", "127.0.0.1:0"],
                       capture_output=True, timeout=10)
    assert p.returncode == 1 and b"not a conomy-sandbox database" in p.stderr


def test_customer_list_count_alias():
    q = "clientId=%s&" % SB.info["clientId"] if PUBLISHED else ""
    r = SB.get("/customers?%scount=3" % q)
    assert r.status == 200 and r.json["pagination"]["limit"] == 3, r
    assert len(r.json["results"]) == 3


if __name__ == "__main__":
    run_tests(globals())
