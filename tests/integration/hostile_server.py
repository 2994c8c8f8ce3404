#!/usr/bin/env python3
"""A hostile conomy_hq API double, for the desk's robustness tests.

    python3 hostile_server.py --mode MODE [--port 0] [--count N]

Listens on 127.0.0.1 and, once listening, prints ONE JSON line on stdout
shaped like conomy-sandbox's startup line:
    {"baseUrl":"http://127.0.0.1:PORT/sandbox","apiKey":..,"clientId":..,
     "clientSecret":..,"mode":MODE}
so the desk is pointed at it with the same CONOMY_* variables. The API
lives under /sandbox; POST /sandbox/auth answers like the sandbox (x-api-key
plus clientId/clientSecret -> accessToken), every other API call needs the
key and the bearer token (401 otherwise).

Data: N payments (--count, default 1000; 40 in bad-records), ids
"6a" + 22 hex digits, createdAt one minute apart from 2026-01-01, updatedAt
30 s later; statuses cycle SETTLED x6, CREATED, AUTHORIZED, CAPTURED,
REQUIRES_REVIEW; every 25th is an unassigned TOPUP_ACCOUNT (CREATED, no
accountNumber); amounts in USD, CLP (every 7th) and COP (every 11th).
Three customers, two accounts, two identities in flat envelopes.
GET /payments honours limit (default 50, max 500, more is 400), offset,
sort (createdAt|updatedAt:asc|desc, default createdAt:desc), status, type,
parentPaymentId, customerId, unless the mode says otherwise.

Modes:
  ok                honest server (the baseline the others bend); actions
                    apply and answer the payment / refund like the sandbox.
  endless-fresh     every page is full of ids never sent before, announces a
                    `next` and a `total` always one page ahead, updatedAt now.
  endless-same      every page holds the same first 50 payments, announces
                    `next` = offset + 50 and total 1,000,000.
  offset-echo-zero  ignores `offset`: always the first page, echoing
                    offset 0 and next = count; total is the real total.
  next-back         pages of at most 50, `next` = offset - 50 (0 on the first
                    page: it never moves forward); total is the real total.
  short-total       total says N (1000), but only 50 payments exist; the page
                    ends with next null.
  bad-records       the first page mixes malformed records among good ones
                    (GET /__hostile/stats lists each bad record's case and
                    id under "bad"); N good payments (default 40) in all.
                    Exact-with-trailing-zero amounts ("700000.00" CLP,
                    "5000.00" COP, "12.500" USD), an unknown currency
                    ("PKR"), a missing totalAmount, a numeric status and an
                    unreadable createdAt (kept: such fields read as absent
                    or unknown) and a 40- and a 128-character id are in
                    "odd" (to be accepted); the rest are in "bad".
  ok-2xx-junk       money action POSTs are APPLIED (state changes, GETs show
                    it; a refund creates the REFUND child) but answer junk:
                    refund 200 {"ok":true}; captured 202 empty body;
                    authorized 204; resolve-review 200 []; assign 200
                    {"ok":true,"status":"DONE"}; documents 200 text "OK";
                    anything else 200 {"ok":true}.
  ok-501            every POST but /auth answers 501 (error body); nothing
                    changes.
  token-crlf        /auth returns an accessToken containing CR LF and a
                    header line; a request arriving with that header is
                    counted in stats "injected".
  huge-body         every GET list answers a 60 MB body (one payment whose
                    description is 60 MB).
  slow              GET answers send their body 1 byte per second.
  ignore-sort       GET /payments returns createdAt:desc order whatever
                    `sort` says.
  limit-cap         GET /payments caps `limit` at 100 (pagination says 100).
  published-shapes  the published variants the desk must accept: accounts in
                    the nested envelope {"pagination":{"pagination":{..},
                    "results":[..]}}; identities as {"data":[..],
                    "pagination":{..,"next":"<cursor>"}} paged by a `next`
                    cursor (2 per page, 5 in all); GET /customers needs
                    `clientId` (400 missingParam without) and answers
                    {"count":N,"customers":[..]}; every 5th payment is a
                    LOCAL_DEPOSIT without accountNumber; payments have no
                    customerId member, GET /payments/{id}/customer links
                    one.
  published-link-501  published-shapes, but GET /payments/{id}/customer
                    answers 501 (the server does not offer the link).
  directory-fail    payments honest; /customers 400 (any query), /accounts
                    answers HTML, /identities 200 with a non-JSON body.

Test hooks (no auth, also under /sandbox):
  GET  /__hostile/stats  {"posts":{"<path>":n},"gets":N,"getPaths":{..},
                          "injected":N,"mode":..,"bad":[..],"odd":[..]}
  POST /__hostile/mode   {"mode":"..."} switch mode at run time
  POST /__hostile/touch  {"id"?: id, "status": S} change one payment (the
                          oldest non-terminal one by default), updatedAt now;
                          answers the payment
  POST /__hostile/add    {"n": k} append k new CREATED payments (now)
Exits when its parent process goes away.
"""
import json
import os
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

MODES = ("ok", "endless-fresh", "endless-same", "offset-echo-zero",
         "next-back", "short-total", "bad-records", "ok-2xx-junk", "ok-501",
         "token-crlf", "huge-body", "slow", "ignore-sort", "limit-cap",
         "published-shapes", "published-link-501", "directory-fail")
PUBLISHED = ("published-shapes", "published-link-501")
API_KEY, CLIENT_ID, CLIENT_SECRET = "hk_hostile", "hostile-client", "hs_secret"
TOKEN = "hostile-token-1"
CRLF_TOKEN = "hostile-token-2\r\nX-Injected: 1"
TRACE = "0badc0de-1111-2222-3333-444444444444"
TERMINAL = ("SETTLED", "FAILED", "EXPIRED", "UNSETTLED")
BASE = datetime(2026, 1, 1, tzinfo=timezone.utc)
LOCK = threading.RLock()


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


S = {"mode": arg("--mode", "ok"), "posts": {}, "gets": 0, "getPaths": {},
     "injected": 0, "fresh": 0, "refunds": 0, "last_ms": 0}
if S["mode"] not in MODES:
    sys.exit("unknown mode %s (one of %s)" % (S["mode"], ", ".join(MODES)))
COUNT = int(arg("--count", 40 if S["mode"] == "bad-records" else 1000))


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (dt.microsecond // 1000)


def now_iso():
    """Now, strictly later than any timestamp handed out before."""
    ms = max(int(time.time() * 1000), S["last_ms"] + 1)
    S["last_ms"] = ms
    return iso(datetime.fromtimestamp(ms / 1000, timezone.utc))


def pid(i):
    return "6a%022x" % i


def customer(i):
    return {"id": "6c%022x" % i, "clientId": CLIENT_ID,
            "firstName": "Cliente", "lastName": "N%d" % i,
            "email": "c%d@example.com" % i, "documentType": "DNI",
            "documentNumber": "%08d" % (1000 + i), "operationLevel": "BASIC",
            "autoCreated": False, "isDocumented": False, "documents": []}


CUSTOMERS = [customer(i) for i in range(3)]
ACCOUNTS = [{"id": "6d%022x" % i, "identityId": "6e%022x" % 0,
             "externalId": None, "type": "CHECKING", "custody": "BANK_ACCOUNT",
             "balance": "100.00", "availableFunds": "100.00", "currency": "USD",
             "name": "Cuenta %d" % i, "accountNumber": "90000%d" % i,
             "accountHolder": "ACME", "status": "ACTIVE", "parentId": None}
            for i in range(2)]
IDENTITIES = [{"id": "6e%022x" % i, "type": "ORGANIZATION",
               "name": "Org %d" % i, "email": "o%d@example.com" % i,
               "documentNumber": "7712312%d-K" % i, "documentType": "RUT",
               "country": "CHL", "status": "ACTIVE",
               "createdAt": "2026-01-01T00:00:00Z"} for i in range(5)]


def payment(i, created=None, status=None):
    created = created or BASE + timedelta(minutes=i)
    status = status or (["SETTLED"] * 6 + ["CREATED", "AUTHORIZED", "CAPTURED",
                                           "REQUIRES_REVIEW"])[i % 10]
    cur, amount = "USD", "%d.%02d" % (10 + i, i % 100)
    if i % 7 == 3:
        cur, amount = "CLP", "%d" % (1000 * (i + 1))
    elif i % 11 == 5:
        cur, amount = "COP", "%d" % (5000 * (i + 1))
    ptype, acct = "PURCHASE", "90000%d" % (i % 2)
    if i % 25 == 24:
        ptype, acct, status = "TOPUP_ACCOUNT", None, "CREATED"
    if S["mode"] in PUBLISHED and i % 5 == 4:
        ptype, acct, status = "LOCAL_DEPOSIT", None, "CREATED"
    upd = created + timedelta(seconds=30)
    p = {
        "id": pid(i), "externalId": "h-%d" % i, "identityId": "6e%022x" % 0,
        "accountNumber": acct, "totalAmount": amount, "currency": cur,
        "purchaseAmount": amount, "purchaseCurrency": cur,
        "product": "%s:%s" % (cur, cur), "description": "payment %d" % i,
        "status": status, "type": ptype,
        "customerId": CUSTOMERS[i % 3]["id"],
        "parentPaymentId": None, "relatedPaymentId": None,
        "documentationStatus": "PENDING_UPLOAD"
        if status == "REQUIRES_REVIEW" else None,
        "reviewReason": "SOURCE_OF_FUNDS_REQUIRED"
        if status == "REQUIRES_REVIEW" else None,
        "origins": [{"type": "ETPAY", "currency": cur}],
        "destinations": [{"type": "ACCOUNT", "currency": cur,
                          "account": {"type": "CHECKING", "currency": cur,
                                      "accountNumber": acct,
                                      "accountHolder": "ACME"}}],
        "createdAt": iso(created), "updatedAt": iso(upd),
        "authorizedAt": None, "capturedAt": None,
        "settledAt": iso(upd) if status == "SETTLED" else None,
        "refundedAt": None,
        "expiresAt": iso(created + timedelta(hours=48))
        if acct is None else None,
    }
    if S["mode"] in PUBLISHED:
        del p["customerId"]  # the published payment schema has none
    return p


PAYMENTS = [payment(i) for i in range(50 if S["mode"] == "short-total"
                                      else COUNT)]
BY_ID = {p["id"]: p for p in PAYMENTS}


def bad_records():
    """(case, record, valid) for bad-records: valid ones must be accepted."""
    def mod(i, **over):
        p = payment(900 + i)
        p.update(over)
        return p
    c = "\x1b[31mred\x07"
    return [
        ("clp-trailing-zeros", mod(1, totalAmount="700000.00", currency="CLP"), True),
        ("cop-trailing-zeros", mod(2, totalAmount="5000.00", currency="COP"), True),
        ("usd-three-decimals-exact", mod(3, totalAmount="12.500"), True),
        ("unknown-currency", mod(4, totalAmount="1500.5", currency="PKR"), True),
        ("id-40-chars", mod(5, id="6a" + "0" * 37 + "5"), True),
        ("id-128-chars", mod(6, id="6b" + "1" * 126), True),
        ("clp-inexact", mod(7, totalAmount="1.005", currency="CLP"), False),
        ("amount-number", mod(8, totalAmount=12.5), False),
        ("amount-garbage", mod(9, totalAmount="12.3.4"), False),
        ("amount-object", mod(10, totalAmount={"value": "1"}), False),
        ("amount-missing", {k: v for k, v in mod(11).items()
                            if k != "totalAmount"}, True),
        ("id-null", mod(12, id=None), False),
        ("id-number", mod(13, id=12345), False),
        ("id-129-chars", mod(14, id="6c" + "2" * 127), False),
        ("id-control-chars", mod(15, id="6a" + c + "0001"), False),
        ("status-number", mod(16, status=7), True),
        ("currency-number", mod(17, currency=840), False),
        ("created-garbage", mod(18, createdAt="yesterday"), True),
        ("record-string", "not a payment", False),
        ("record-null", None, False),
        ("record-array", [1, 2, 3], False),
    ]


BAD = bad_records() if S["mode"] == "bad-records" else []


def err_body(status, code, typ, detail):
    return {"status": status, "code": code, "type": typ, "detail": detail,
            "traceId": TRACE}


def sort_key(field):
    return lambda p: (p.get(field) or "", p["id"])


def select(q):
    """Payments matching the query filters, in the asked order."""
    items = list(PAYMENTS)
    for key in ("status", "type"):
        if key in q:
            allowed = q[key].split(",")
            items = [p for p in items if p[key] in allowed]
    for key in ("parentPaymentId", "customerId"):
        if key in q:
            items = [p for p in items if p.get(key) == q[key]]
    field, _, order = q.get("sort", "createdAt:desc").partition(":")
    if S["mode"] == "ignore-sort":
        field, order = "createdAt", "desc"
    items.sort(key=sort_key(field), reverse=(order == "desc"))
    return items


def envelope(items, limit, offset, total, nxt, prev=None):
    return {"results": items, "pagination": {
        "limit": limit, "offset": offset, "total": total,
        "count": len(items), "next": nxt, "previous": prev}}


def list_payments(q):
    """(status, body) for GET /payments under the current mode."""
    mode = S["mode"]
    try:
        limit = int(q.get("limit", 50))
        offset = int(q.get("offset", 0))
    except ValueError:
        return 400, err_body(400, "11", "invalidParam", "bad limit/offset")
    if limit < 1 or limit > 500 or offset < 0:
        return 400, err_body(400, "11", "invalidParam", "limit 1..500")
    field = q.get("sort", "createdAt:desc").partition(":")[0]
    if field not in ("createdAt", "updatedAt", "totalAmount"):
        return 400, err_body(400, "11", "invalidParam", "unknown sort field")
    if mode == "endless-fresh":
        n = min(limit, 50)
        items = []
        for _ in range(n):
            S["fresh"] += 1
            p = payment(100000 + S["fresh"])
            p["updatedAt"] = now_iso()
            items.append(p)
        return 200, envelope(items, limit, offset, offset + n + limit,
                             offset + n)
    if mode == "endless-same":
        items = select(q)[:50]
        return 200, envelope(items, limit, offset, 1000000,
                             offset + len(items))
    if mode == "offset-echo-zero":
        all_ = select(q)
        items = all_[:limit]
        return 200, envelope(items, limit, 0, len(all_), len(items))
    if mode == "next-back":
        all_ = select(q)
        limit = min(limit, 50)
        items = all_[offset:offset + limit]
        return 200, envelope(items, limit, offset, len(all_),
                             max(0, offset - limit))
    if mode == "short-total":
        all_ = select(q)
        items = all_[offset:offset + limit]
        return 200, envelope(items, limit, offset, COUNT, None)
    if mode == "limit-cap":
        limit = min(limit, 100)
    all_ = select(q)
    if mode == "bad-records" and offset == 0:
        items = all_[:limit]
        for k, (_, rec, _) in enumerate(BAD):
            items.insert(min(len(items), 1 + 2 * k), rec)
        total = len(all_) + len(BAD)
        nxt = limit if len(all_) > limit else None
        return 200, envelope(items, limit, 0, total, nxt)
    items = all_[offset:offset + limit]
    total = len(all_)
    nxt = offset + len(items) if offset + len(items) < total else None
    return 200, envelope(items, limit, offset, total, nxt,
                         max(0, offset - limit) if offset else None)


def refunds_of(parent):
    kids = [p for p in PAYMENTS if p.get("parentPaymentId") == parent["id"]]
    used = sum((Decimal(k["totalAmount"]) for k in kids
                if k["status"] != "FAILED"), Decimal(0))
    done = sum((Decimal(k["totalAmount"]) for k in kids
                if k["status"] == "SETTLED"), Decimal(0))
    q = Decimal(parent["totalAmount"])
    fmt = (lambda d: str(d.quantize(q)) if "." in parent["totalAmount"]
           else str(int(d)))
    return kids, {
        "parentPaymentId": parent["id"], "parentAmount": parent["totalAmount"],
        "currency": parent["currency"], "totalRefunded": fmt(done),
        "totalInProgress": fmt(used - done), "totalFailed": fmt(Decimal(0)),
        "maxRefundable": fmt(q - used), "completedCount":
        sum(1 for k in kids if k["status"] == "SETTLED"),
        "inProgressCount": sum(1 for k in kids if k["status"] != "SETTLED"),
        "failedCount": 0}


def apply_action(p, action, body):
    """Applies a money action to payment p; (status, answer) as the sandbox
    would give, or an error."""
    st = p["status"]
    if action == "authorized" and st == "CREATED":
        p["status"], p["authorizedAt"] = "AUTHORIZED", now_iso()
    elif action == "captured" and st in ("CREATED", "AUTHORIZED"):
        p["status"], p["capturedAt"] = "CAPTURED", now_iso()
    elif action in ("resolve-review", "resolveReview") and \
            st == "REQUIRES_REVIEW":
        ok = body.get("decision") == "APPROVED"
        p["status"] = "CAPTURED" if ok else "FAILED"
    elif action == "assign" and st == "CREATED" and not p["accountNumber"]:
        p["status"], p["settledAt"] = "SETTLED", now_iso()
        p["accountNumber"] = body.get("accountNumber") or body.get("accountId")
    elif action == "documents" and st == "REQUIRES_REVIEW":
        if body.get("url"):
            p["documentationStatus"] = "UPLOADED"
    elif action == "refund" and st == "SETTLED":
        _, summ = refunds_of(p)
        amount = body.get("amount") or summ["maxRefundable"]
        if Decimal(amount) <= 0 or Decimal(amount) > \
                Decimal(summ["maxRefundable"]):
            return 422, err_body(422, "21", "failedPrecondition", "amount")
        S["refunds"] += 1
        child = payment(500000 + S["refunds"], status="RECEIVED")
        child.update({"type": "REFUND", "parentPaymentId": p["id"],
                      "totalAmount": amount, "currency": p["currency"],
                      "description": body.get("reason"),
                      "createdAt": now_iso(), "externalId": None})
        child["updatedAt"] = child["createdAt"]
        PAYMENTS.append(child)
        BY_ID[child["id"]] = child
        return 201, {"refundId": child["id"], "parentPaymentId": p["id"],
                     "status": "RECEIVED", "totalAmount": amount,
                     "currency": p["currency"], "createdAt": child["createdAt"]}
    else:
        return 422, err_body(422, "21", "failedPrecondition",
                             "%s not allowed in %s" % (action, st))
    p["updatedAt"] = now_iso()
    return 200, p


JUNK = {"refund": (200, b'{"ok":true}', "application/json"),
        "captured": (202, b"", "application/json"),
        "authorized": (204, b"", None),
        "resolve-review": (200, b"[]", "application/json"),
        "assign": (200, b'{"ok":true,"status":"DONE"}', "application/json"),
        "documents": (200, b"OK", "text/plain")}


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def raw(self, code, data, ctype="application/json", trickle=False):
        try:
            self.send_response(code)
            if ctype:
                self.send_header("Content-Type", ctype)
            if code != 204:
                self.send_header("Content-Length", str(len(data)))
            self.send_header("X-Trace-Id", TRACE)
            self.end_headers()
            if trickle:
                for i in range(len(data)):
                    self.wfile.write(data[i:i + 1])
                    self.wfile.flush()
                    time.sleep(1)
            elif code != 204:
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def send(self, code, obj, trickle=False):
        self.raw(code, json.dumps(obj).encode(), trickle=trickle)

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(n) if n else b""
        try:
            return json.loads(data or b"{}")
        except ValueError:
            return {}

    def split(self):
        u = urlsplit(self.path)
        path = u.path[len("/sandbox"):] if u.path.startswith("/sandbox/") \
            else u.path
        return path, {k: v[-1] for k, v in parse_qs(u.query).items()}

    def authed(self):
        if self.headers.get("X-Injected") is not None:
            with LOCK:
                S["injected"] += 1
        auth = self.headers.get("Authorization") or ""
        good = auth in ("Bearer " + TOKEN, "Bearer " + CRLF_TOKEN,
                        "Bearer " + CRLF_TOKEN.split("\r")[0])
        if self.headers.get("x-api-key") == API_KEY and good:
            return True
        self.send(401, err_body(401, "41", "unauthorized", "bad credentials"))
        return False

    def hook(self, path):
        if path == "/__hostile/stats":
            with LOCK:
                out = {k: S[k] for k in ("posts", "gets", "getPaths",
                                         "injected", "mode")}
                out["bad"] = [{"case": c, "id": r.get("id")
                               if isinstance(r, dict) else None}
                              for c, r, ok in BAD if not ok]
                out["odd"] = [{"case": c, "id": r["id"]}
                              for c, r, ok in BAD if ok]
                out["payments"] = len(PAYMENTS)
            return self.send(200, out)
        body = self.body()
        with LOCK:
            if path == "/__hostile/mode" and body.get("mode") in MODES:
                S["mode"] = body["mode"]
                return self.send(200, {"mode": S["mode"]})
            if path == "/__hostile/touch":
                p = BY_ID.get(body.get("id")) or next(
                    (p for p in PAYMENTS if p["status"] not in TERMINAL), None)
                if p is None:
                    return self.send(404, {})
                p["status"] = body.get("status", "SETTLED")
                p["updatedAt"] = now_iso()
                return self.send(200, p)
            if path == "/__hostile/add":
                added = []
                for _ in range(int(body.get("n", 1))):
                    p = payment(len(PAYMENTS), status="CREATED")
                    p["createdAt"] = p["updatedAt"] = now_iso()
                    PAYMENTS.append(p)
                    BY_ID[p["id"]] = p
                    added.append(p["id"])
                return self.send(200, {"added": added})
        self.send(404, {})

    def do_POST(self):
        path, q = self.split()
        if path.startswith("/__hostile/"):
            return self.hook(path)
        with LOCK:
            S["posts"][path] = S["posts"].get(path, 0) + 1
        body = self.body()
        if path == "/auth":
            if self.headers.get("x-api-key") != API_KEY or \
                    body.get("clientId") != CLIENT_ID or \
                    body.get("clientSecret") != CLIENT_SECRET:
                return self.send(401, err_body(401, "41", "unauthorized",
                                               "bad client credentials"))
            tok = CRLF_TOKEN if S["mode"] == "token-crlf" else TOKEN
            return self.send(200, {"accessToken": tok, "tokenType": "Bearer",
                                   "expiresIn": 3600})
        if not self.authed():
            return
        if S["mode"] == "ok-501":
            return self.send(501, err_body(501, "01", "serverError",
                                           "not implemented"))
        parts = path.strip("/").split("/")
        if len(parts) < 3 or parts[0] != "payments":
            return self.send(200 if S["mode"] == "ok-2xx-junk" else 404,
                             {"ok": True} if S["mode"] == "ok-2xx-junk"
                             else err_body(404, "31", "notFound", path))
        action = parts[2]
        with LOCK:
            p = BY_ID.get(parts[1])
            if p is None:
                return self.send(404, err_body(404, "31", "notFound", "payment"))
            code, answer = apply_action(p, action, body)
            answer = json.loads(json.dumps(answer))
        if S["mode"] == "ok-2xx-junk" and code < 300:
            junk = JUNK.get("resolve-review" if action == "resolveReview"
                            else action, (200, b'{"ok":true}',
                                          "application/json"))
            return self.raw(*junk)
        self.send(code, answer)

    def do_GET(self):
        path, q = self.split()
        if path.startswith("/__hostile/"):
            return self.hook(path)
        with LOCK:
            S["gets"] += 1
            S["getPaths"][path] = S["getPaths"].get(path, 0) + 1
        if not self.authed():
            return
        mode = S["mode"]
        if mode == "huge-body" and path in ("/payments", "/customers",
                                            "/accounts", "/identities"):
            return self.huge()
        trickle = mode == "slow"
        with LOCK:
            code, out = self.route(path, q)
            data = json.dumps(out).encode() if not isinstance(out, bytes) \
                else out
        ctype = "text/html" if data.startswith(b"<") else "application/json"
        self.raw(code, data, ctype, trickle=trickle)

    def route(self, path, q):
        mode = S["mode"]
        parts = path.strip("/").split("/")
        if path == "/payments":
            return list_payments(q)
        if parts[0] == "payments" and len(parts) >= 2:
            p = BY_ID.get(parts[1])
            if p is None:
                return 404, err_body(404, "31", "notFound", "payment")
            if len(parts) == 2:
                return 200, p
            if parts[2] == "refund":
                kids, summ = refunds_of(p)
                return 200, {"parentId": p["id"], "refunds": kids,
                             "summary": summ}
            if parts[2] == "customer":
                if mode == "published-link-501":
                    return 501, err_body(501, "42", "unimplemented", path)
                c = CUSTOMERS[int(p["id"][2:], 16) % 3]
                return 200, {"paymentId": p["id"], "attached": True,
                             "customer": c}
            return 404, err_body(404, "31", "notFound", path)
        if path in ("/refunds", "/refund"):
            kids = [p for p in PAYMENTS if p["type"] == "REFUND"]
            return 200, envelope(kids, 500, 0, len(kids), None)
        if mode == "directory-fail":
            if path == "/customers":
                return 400, err_body(400, "11", "invalidParam", "boom")
            if path == "/accounts":
                return 200, b"<html><body>Bad gateway</body></html>"
            if path == "/identities":
                return 200, b"{\"data\": [truncated"
        if path == "/customers":
            if mode in PUBLISHED:
                if q.get("clientId") != CLIENT_ID:
                    return 400, err_body(400, "12", "missingParam", "clientId")
                return 200, {"count": len(CUSTOMERS), "customers": CUSTOMERS}
            return 200, envelope(CUSTOMERS, 500, 0, len(CUSTOMERS), None)
        if path == "/accounts":
            if mode in PUBLISHED:
                return 200, {"pagination": {"pagination": {
                    "count": len(ACCOUNTS), "next": None, "previous": None,
                    "total": len(ACCOUNTS)}, "results": ACCOUNTS}}
            return 200, envelope(ACCOUNTS, 500, 0, len(ACCOUNTS), None)
        if path == "/identities":
            if mode in PUBLISHED:
                start = int(q.get("next", "c0")[1:] or 0)
                page = IDENTITIES[start:start + 2]
                more = start + 2 < len(IDENTITIES)
                return 200, {"data": page, "pagination": {
                    "count": len(page), "total": len(IDENTITIES),
                    "next": "c%d" % (start + 2) if more else None,
                    "previous": None}}
            return 200, envelope(IDENTITIES, 500, 0, len(IDENTITIES), None)
        return 404, err_body(404, "31", "notFound", path)

    def huge(self):
        head = json.dumps({"id": pid(0), "totalAmount": "1.00",
                           "currency": "USD", "status": "SETTLED",
                           "type": "PURCHASE",
                           "createdAt": "2026-01-01T00:00:00Z"})
        head = ('{"results":[' + head[:-1] + ',"description":"').encode()
        tail = b'"}],"pagination":{"total":1,"count":1,"next":null}}'
        size = 60 * 1024 * 1024
        chunk = b"A" * (1 << 20)
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length",
                             str(len(head) + size + len(tail)))
            self.end_headers()
            self.wfile.write(head)
            for _ in range(size // len(chunk)):
                self.wfile.write(chunk)
            self.wfile.write(tail)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


def watch_parent(ppid):
    while os.getppid() == ppid:
        time.sleep(0.5)
    os._exit(0)


def main():
    srv = ThreadingHTTPServer(("127.0.0.1", int(arg("--port", "0"))), H)
    srv.daemon_threads = True
    threading.Thread(target=watch_parent, args=(os.getppid(),),
                     daemon=True).start()
    print(json.dumps({"baseUrl": "http://127.0.0.1:%d/sandbox"
                      % srv.server_address[1], "apiKey": API_KEY,
                      "clientId": CLIENT_ID, "clientSecret": CLIENT_SECRET,
                      "mode": S["mode"]}), flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
