"""Helpers for the conomy-sandbox contract tests (python3 stdlib only).

Sandbox(...) starts $BUILD_DIR/conomy-sandbox on a free loopback port, reads
the startup JSON line and offers authenticated requests. Every started
sandbox is killed at exit. run_tests(globals()) runs the test_* functions of
a test file and exits non-zero if any failed.
"""
import atexit
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
        cmd = [BINARY, "--listen", "127.0.0.1:0", "--db", self.db,
               "--quiet"] + self.args
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
        return self.proc.returncode if self.proc else None

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
            r = self.raw_request("POST", self.prefix + "/auth",
                                 {"clientId": t["clientId"],
                                  "clientSecret": t["clientSecret"]},
                                 {"x-api-key": t["apiKey"],
                                  "User-Agent": UA})
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
        out, offset = [], 0
        while True:
            q = dict(query, limit=500, offset=offset)
            r = self.get(path + "?" + urllib.parse.urlencode(q),
                         tenant=tenant)
            assert r.status == 200, r
            out += r.json["results"]
            if r.json["pagination"]["next"] is None:
                return out
            offset = r.json["pagination"]["next"]

    # -- helpers to make objects --------------------------------------
    def first(self, path, tenant=0):
        r = self.get(path, tenant=tenant)
        assert r.status == 200, r
        assert r.json["results"], "no results for " + path
        return r.json["results"][0]


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
    print("%d failed, %.1fs" % (failed, time.time() - t0))
    _cleanup()
    sys.exit(1 if failed else 0)
