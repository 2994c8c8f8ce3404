"""Helpers for the conomy-sandbox contract tests (python3 stdlib only).

Sandbox(...) starts $BUILD_DIR/conomy-sandbox on a free loopback port, reads
the startup JSON line and offers authenticated requests. Every started
sandbox is killed at exit. run_tests(globals()) runs the test_* functions of
a test file and exits non-zero if any failed.
"""
import atexit
import decimal
import hashlib
import hmac
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse

BUILD_DIR = os.environ.get("BUILD_DIR", os.path.join(os.path.dirname(
    os.path.abspath(__file__)), "..", "..", "build"))
BINARY = os.path.join(BUILD_DIR, "conomy-sandbox")
UA = "conomy-contract-tests/1.0"
# The dialect every Sandbox() serves unless its arguments name one
# (conomy-sandbox --dialect; tests registered as *_published set it).
DIALECT = os.environ.get("SANDBOX_DIALECT", "contract")
PUBLISHED = DIALECT == "published"

_live = []


def _cleanup():
    for sb in list(_live):
        sb.stop()


atexit.register(_cleanup)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.raw = body
        try:
            self.json = json.loads(body.decode("utf-8")) if body else None
        except (ValueError, UnicodeDecodeError):
            self.json = None

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def __repr__(self):
        return "<Response %d %r>" % (self.status, self.raw[:300])


class Sandbox:
    def __init__(self, *args, db=None, keep_db=False):
        self.tmpdir = tempfile.mkdtemp(prefix="sbx-test-")
        self.db = db or os.path.join(self.tmpdir, "sandbox.db")
        self.args = list(args)
        self.keep_db = keep_db
        self.proc = None
        self._tokens = {}
        self.start()

    def start(self):
        dialect = [] if "--dialect" in self.args else ["--dialect", DIALECT]
        cmd = [BINARY, "--listen", "127.0.0.1:0", "--db", self.db,
               "--quiet"] + dialect + self.args
        self.stderr = open(os.path.join(self.tmpdir, "stderr.log"), "ab")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE,
                                     stderr=self.stderr)
        _live.append(self)
        line = self.proc.stdout.readline()
        if not line:
            self.proc.wait(5)
            with open(os.path.join(self.tmpdir, "stderr.log"), "rb") as f:
                err = f.read().decode("utf-8", "replace")
            raise RuntimeError("sandbox did not start: " + err)
        self.info = json.loads(line)
        self.base = self.info["baseUrl"]
        u = urllib.parse.urlparse(self.base)
        self.host, self.port = u.hostname, u.port
        self.prefix = u.path
        self.tenants = self.info["tenants"]
        self._tokens = {}

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self in _live:
            _live.remove(self)
        self.check_sanitizers()
        return self.proc.returncode if self.proc else None

    def check_sanitizers(self):
        """Fail when the sandbox (built with sanitizers) reported an error."""
        path = os.path.join(self.tmpdir, "stderr.log")
        try:
            with open(path, "rb") as f:
                err = f.read().decode("utf-8", "replace")
        except OSError:
            return
        for marker in ("ERROR: AddressSanitizer", "runtime error:",
                       "ERROR: LeakSanitizer"):
            if marker in err:
                raise AssertionError("sanitizer report from the sandbox:\n" +
                                     err[-4000:])

    def kill9(self):
        self.stop(signal.SIGKILL)

    def restart(self, *extra):
        self.stop()
        self.args = self.args + list(extra)
        self.start()

    # -- HTTP ---------------------------------------------------------
    def raw_request(self, method, path, body=None, headers=None,
                    timeout=30):
        """path is absolute on the server (e.g. /sandbox/payments)."""
        conn = http.client.HTTPConnection(self.host, self.port,
                                          timeout=timeout)
        try:
            hdrs = dict(headers or {})
            if body is not None and not isinstance(body, (bytes, str)):
                body = json.dumps(body)
                hdrs.setdefault("Content-Type", "application/json")
            if isinstance(body, str):
                body = body.encode("utf-8")
            conn.request(method, path, body=body, headers=hdrs)
            r = conn.getresponse()
            data = r.read()
            return Response(r.status, r.getheaders(), data)
        finally:
            conn.close()

    def token(self, tenant=0):
        if tenant not in self._tokens:
            t = self.tenants[tenant]
            for _ in range(20):  # injected faults may hit /auth too
                r = self.raw_request("POST", self.prefix + "/auth",
                                     {"clientId": t["clientId"],
                                      "clientSecret": t["clientSecret"]},
                                     {"x-api-key": t["apiKey"],
                                      "User-Agent": UA})
                if r.status < 500 and r.status != 429:
                    break
            assert r.status == 200, r
            self._tokens[tenant] = r.json["accessToken"]
        return self._tokens[tenant]

    def headers(self, tenant=0):
        return {"x-api-key": self.tenants[tenant]["apiKey"],
                "Authorization": "Bearer " + self.token(tenant),
                "User-Agent": UA,
                "conomyhq-api-version": "24-04-2025"}

    def request(self, method, path, body=None, tenant=0, headers=None,
                timeout=30):
        h = self.headers(tenant)
        h.update(headers or {})
        return self.raw_request(method, self.prefix + path, body, h, timeout)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, {} if body is None else body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body, **kw)

    def admin(self, method, path, body=None):
        r = self.raw_request(method, "/_admin" + path, body)
        assert r.status == 200, r
        return r.json

    def faults(self, **settings):
        return self.admin("POST", "/faults", settings)

    def advance(self, ms):
        return self.admin("POST", "/clock", {"advanceMs": ms})

    def ledger(self, **query):
        q = urllib.parse.urlencode(query)
        return self.admin("GET", "/ledger" + ("?" + q if q else ""))["entries"]

    def signature(self, transaction_id):
        return hmac.new(self.info["providerSecret"].encode(),
                        transaction_id.encode(), hashlib.sha256).hexdigest()

    def list_all(self, path, tenant=0, **query):
        """Every item of a list, page by page, in either dialect's
        envelope (see page_items)."""
        out, offset = [], 0
        while True:
            q = dict(query, limit=500, offset=offset)
            r = self.get(path + "?" + urllib.parse.urlencode(q),
                         tenant=tenant)
            assert r.status == 200, r
            items, pg = page_items(r.json)
            out += items
            if pg["next"] is None:
                return out
            offset = pg["next"]

    # -- helpers to make objects --------------------------------------
    def first(self, path, tenant=0):
        r = self.get(path, tenant=tenant)
        assert r.status == 200, r
        items, _ = page_items(r.json)
        assert items, "no results for " + path
        return items[0]


def page_items(j):
    """(items, pagination) of a list answer in any envelope the sandbox
    serves: {results, pagination}, the published accounts envelope
    {pagination: {pagination, results}} and the identities one
    {data, pagination: {pagination, results: []}}."""
    if "data" in j:
        return j["data"], j["pagination"]["pagination"]
    if "results" not in j:
        return j["pagination"]["results"], j["pagination"]["pagination"]
    return j["results"], j["pagination"]


def same_amount(a, b):
    """Equal decimal amounts, whatever their trailing zeros (the published
    dialect pads some: "300.000" is "300.00")."""
    return decimal.Decimal(a) == decimal.Decimal(b)


def expect_error(r, status, code=None, type_=None):
    assert r.status == status, "want %d, got %r" % (status, r)
    j = r.json
    assert isinstance(j, dict), r
    for k in ("status", "code", "type", "detail", "traceId"):
        assert k in j, "error body lacks %s: %r" % (k, j)
    assert j["status"] == status, j
    if code:
        assert j["code"] == code, j
    if type_:
        assert j["type"] == type_, j
    assert r.header("X-Trace-Id") == j["traceId"], r.headers


def run_tests(ns):
    tests = [(k, v) for k, v in sorted(ns.items())
             if k.startswith("test_") and callable(v)]
    only = os.environ.get("ONLY")
    failed = 0
    t0 = time.time()
    for name, fn in tests:
        if only and only not in name:
            continue
        t = time.time()
        try:
            fn()
            print("ok   %-50s %.2fs" % (name, time.time() - t))
        except Exception:  # noqa: BLE001 - report every failure
            failed += 1
            print("FAIL %s" % name)
            traceback.print_exc()
        sys.stdout.flush()
    try:
        _cleanup()
    except AssertionError:
        failed += 1
        print("FAIL sandbox shutdown")
        traceback.print_exc()
    print("%d failed, %.1fs" % (failed, time.time() - t0))
    sys.exit(1 if failed else 0)


# -- object factories ----------------------------------------------------
def account_for(sb, currency, tenant=0):
    r = sb.get("/accounts?currency=%s&limit=1" % currency, tenant=tenant)
    assert r.status == 200, r
    items, _ = page_items(r.json)
    if items:
        return items[0]
    ident, _ = page_items(sb.get("/identities?limit=1", tenant=tenant).json)
    if not ident:
        ident = [sb.post("/identities", {
            "name": "Test Org", "email": "org@example.com",
            "phone": "+56911112222", "documentNumber": "76123456-7",
            "documentType": "RUT", "idv": "VERIFIED", "type": "ORGANIZATION",
            "country": "CHL"}, tenant=tenant).json]
    r = sb.post("/accounts", {"identityId": ident[0]["id"],
                              "type": "CHECKING", "custody": "BANK_ACCOUNT",
                              "currency": currency,
                              "name": currency + " ops"}, tenant=tenant)
    assert r.status == 201, r
    return r.json


_seq = [0]


def make_payment(sb, currency="CLP", amount="15000", type_="PURCHASE",
                 tenant=0, customer_id=None, snapshot=None, unassigned=False,
                 headers=None):
    """Create a payment through POST /payments; returns the response."""
    _seq[0] += 1
    if snapshot is None:
        snapshot = {"firstName": "Test", "lastName": "Payer%d" % _seq[0],
                    "email": "payer%d@example.com" % _seq[0],
                    "documentNumber": "DOC%08d" % _seq[0]}
    rail = {"CLP": "WEBPAY", "ARS": "CVU", "BRL": "PIX", "USD": "ACH",
            "MXN": "SPEI", "COP": "PSE", "EUR": "SEPA"}.get(currency, "CARD")
    key = {"CVU": "cvu", "PIX": "pix", "ACH": "ach", "SPEI": "spei",
           "PSE": "pse", "SEPA": "sepa", "WEBPAY": "webpay",
           "CARD": "card"}[rail]
    body = {"type": type_, "product": "%s:%s" % (currency, currency),
            "purchaseAmount": amount, "purchaseCurrency": currency,
            "currency": currency, "externalId": "ext-%d" % _seq[0],
            "origins": [{"type": rail, "currency": currency,
                         key: {"customer": snapshot}}],
            "destinations": [{"type": "ACCOUNT", "currency": currency,
                              "account": {}}]}
    if not unassigned:
        acct = account_for(sb, currency, tenant)
        body["accountNumber"] = acct["accountNumber"]
        body["identityId"] = acct["identityId"]
        body["destinations"][0]["account"]["accountNumber"] = \
            acct["accountNumber"]
    else:
        body["type"] = "TOPUP_ACCOUNT"
    if customer_id:
        body["customerId"] = customer_id
    return sb.post("/payments", body, tenant=tenant, headers=headers)


def new_payment(sb, **kw):
    r = make_payment(sb, **kw)
    assert r.status == 200, r
    return r.json


def settle(sb, pid, tenant=0):
    """Drive a payment CREATED -> SETTLED; returns the payment."""
    r = sb.post("/payments/%s/captured" % pid, tenant=tenant)
    assert r.status == 200 and r.json["status"] == "CAPTURED", r
    r = sb.post("/payments/received", {"transactionId": pid,
                                       "signature": sb.signature(pid)},
                tenant=tenant)
    assert r.status == 200 and r.json["status"] == "RECEIVED", r
    return wait_status(sb, pid, "SETTLED", tenant=tenant)


def wait_status(sb, pid, status, tenant=0, timeout=10):
    end = time.time() + timeout
    while True:
        p = sb.get("/payments/" + pid, tenant=tenant).json
        if p["status"] == status or time.time() > end:
            assert p["status"] == status, (p["status"], status, pid)
            return p
        time.sleep(0.05)
