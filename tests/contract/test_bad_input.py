"""Contract: hostile and malformed input to every route gets a structured
error (never a crash, never a partial change), and the server stays up."""
import os
import random
import socket

from sandbox import (Response, Sandbox, UA, expect_error, new_payment,
                     run_tests, settle)

SB = Sandbox("--seed", "8", "--demo-data", "40", "--settle-delay-ms", "50")

BODIES = ["null", "[]", "\"s\"", "123", "true", "{\"a\":", "{}}",
          "{\"amount\":1e999}", "{\"type\":{\"x\":[1,2,{}]}}",
          "[" * 5000 + "]" * 5000, "{\"k\":\"\\ud800\"}", "\x00\x01\x02",
          "{\"" + "x" * 5000 + "\":1}"]


def routes(pid, cid):
    return ["/payments", "/payments/%s/authorized" % pid,
            "/payments/%s/captured" % pid, "/payments/received",
            "/payments/%s/request-review" % pid,
            "/payments/%s/resolve-review" % pid,
            "/payments/%s/refund" % pid, "/payments/%s/assign" % pid,
            "/payments/%s/documents" % pid,
            "/payments/%s/documents/presign" % pid,
            "/customers", "/customers/%s/documents" % cid,
            "/customers/%s/documents/0/approve" % cid,
            "/customers/%s/documents/0/reject" % cid,
            "/identities", "/accounts"]


def test_every_post_route_rejects_garbage():
    p = settle(SB, new_payment(SB)["id"])
    c = SB.post("/customers", {"firstName": "G", "email": "g@x.test"}).json
    before = SB.get("/payments/" + p["id"]).json
    def requests_logged():
        return [e for e in SB.ledger() if e["method"] != "CLOCK"]

    n = len(requests_logged())
    rnd = random.Random(5)
    for path in routes(p["id"], c["id"]):
        bodies = BODIES + [bytes(rnd.getrandbits(8) for _ in range(64))]
        for body in bodies:
            r = SB.post(path, body,
                        headers={"Content-Type": "application/json"})
            assert r.status in (400, 404, 409, 413, 422), (path, body[:20],
                                                            r)
            expect_error(r, r.status)
    assert SB.get("/payments/" + p["id"]).json == before
    assert len(requests_logged()) == n


def test_headers_and_methods():
    for m in ("PUT", "DELETE", "PATCH"):
        r = SB.request(m, "/payments")
        expect_error(r, 405)
    expect_error(SB.request("GET", "/payments/x/y/z/w/v/u/t/s/r/q"), 404)
    r = SB.raw_request("GET", "/sandbox/payments", None,
                       {"x-api-key": "x" * 10000, "User-Agent": UA})
    assert r.status in (401, 431, 400), r
    r = SB.get("/payments?limit=%s" % ("9" * 400))
    expect_error(r, 400, "11")
    r = SB.get("/payments?status=" + ",".join(["SETTLED"] * 40))
    expect_error(r, 400, "11")
    r = SB.get("/payments?sort=" + "x" * 3000)
    expect_error(r, 400, "11")
    assert SB.get("/payments?limit=1").status == 200


def test_oversized_and_chunked_bodies():
    big = b"{\"description\":\"" + b"x" * (2 * 1024 * 1024) + b"\"}"
    r = SB.raw_request("POST", "/sandbox/payments", big,
                       dict(SB.headers(), **{"Content-Type":
                                             "application/json"}))
    expect_error(r, 413)
    assert SB.get("/payments?limit=1").status == 200


def raw_http(request_line, extra_headers=b""):
    """Send one request with a raw (unescaped) request line; returns a
    Response. http.client refuses control bytes, so this uses a socket."""
    hdrs = b"".join(b"%s: %s\r\n" % (k.encode(), v.encode())
                    for k, v in SB.headers().items())
    with socket.create_connection((SB.host, SB.port), timeout=10) as s:
        s.sendall(request_line + b"\r\nHost: sandbox\r\n" + hdrs +
                  extra_headers + b"Connection: close\r\n\r\n")
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = [tuple(x.split(": ", 1)) for x in lines[1:] if ": " in x]
    return Response(int(lines[0].split()[1]), headers, body)


def test_control_bytes_in_the_path_are_refused():
    pid = SB.first("/payments?status=SETTLED&limit=1")["id"]
    # (the clock settles demo payments meanwhile: count requests only)
    before = [e for e in SB.ledger() if e["method"] != "CLOCK"]
    for path in (b"/sandbox/payments/%s%%00/refund" % pid.encode(),
                 b"/sandbox/payments%00",
                 b"/sandbox/payments/%1b[2J",
                 b"/sandbox/payments/%0d%0aX-Injected:%201",
                 b"/sandbox/pay\x01ments",
                 b"/sandbox/payments\x7f",
                 b"/sandbox/payments/%7F",
                 b"/_admin/health%00"):
        for method in (b"GET", b"POST"):
            r = raw_http(method + b" " + path + b" HTTP/1.1",
                         b"Content-Length: 0\r\n")
            expect_error(r, 400, "11", "invalidParam")
            assert b"control character" in r.raw, r
            assert r.header("X-Injected") is None
    # a query value may hold anything once decoded; only the path is judged
    r = raw_http(b"GET /sandbox/payments?limit=1&x=%00 HTTP/1.1")
    assert r.status == 200, r
    after = [e for e in SB.ledger() if e["method"] != "CLOCK"]
    assert after == before  # nothing was executed


def test_oversized_request_line_and_headers_carry_a_trace_id():
    r = raw_http(b"GET /sandbox/payments/" + b"a" * 9000 + b" HTTP/1.1")
    expect_error(r, 414, "11", "invalidParam")
    r = raw_http(b"GET /sandbox/payments HTTP/1.1",
                 b"X-Big: " + b"b" * 40000 + b"\r\n")
    expect_error(r, 431, "11", "invalidParam")
    assert SB.get("/payments?limit=1").status == 200


def test_server_survives_random_requests():
    rnd = random.Random(11)
    paths = ["/payments", "/payments/" + "a" * 24, "/customers", "/refunds",
             "/payments/unassigned", "/accounts/unassigned", "/nope",
             "/payments/%00", "/payments/..%2f..", "/auth"]
    for _ in range(200):
        path = rnd.choice(paths)
        q = "?" + "&".join("%s=%s" % (rnd.choice(["limit", "offset", "status",
                                                   "sort", "startDate",
                                                   "amountMin", "search"]),
                                      os.urandom(3).hex())
                           for _ in range(rnd.randint(0, 3)))
        r = SB.request(rnd.choice(["GET", "POST"]), path + q,
                       body=os.urandom(rnd.randint(0, 40)))
        assert 200 <= r.status < 500, (path, q, r)
        if r.status >= 400:
            expect_error(r, r.status)
    assert SB.get("/payments?limit=1").status == 200


if __name__ == "__main__":
    run_tests(globals())
