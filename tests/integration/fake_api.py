#!/usr/bin/env python3
"""A deliberately broken conomy_hq API for the desk's bad-input tests.

Serves on 127.0.0.1 (free port, printed as the first stdout line) with one
misbehaviour chosen by --mode:
  html          every answer is an HTML page (not JSON)
  bad-amount    the second payment of the page has totalAmount "12.3.4"
  number-amount totalAmount is a JSON number
  expired-once  the first GET /payments answers 401 (token expired); a
                re-authenticated retry succeeds
  always-401    every GET answers 401
It counts requests per path in /_count (JSON).
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODE = sys.argv[sys.argv.index("--mode") + 1]
COUNTS = {}
STATE = {"expired_sent": False}
LOCK = threading.Lock()


def payment(i, amount="100.00"):
    return {
        "id": "%024x" % (0xabc000 + i), "externalId": "ext-%d" % i,
        "identityId": "%024x" % 1, "accountNumber": "1000%d" % i,
        "totalAmount": amount, "currency": "USD", "status": "SETTLED",
        "type": "PURCHASE", "createdAt": "2025-01-0%dT10:00:00Z" % (i + 1),
        "updatedAt": "2025-01-0%dT10:00:00Z" % (i + 1),
        "authorizedAt": None, "capturedAt": None, "settledAt": None,
        "refundedAt": None, "expiresAt": None,
    }


class H(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def send(self, code, body, ctype="application/json"):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Trace-Id", "11111111-2222-3333-4444-555555555555")
        self.end_headers()
        self.wfile.write(data)

    def count(self):
        path = self.path.split("?")[0]
        with LOCK:
            COUNTS[path] = COUNTS.get(path, 0) + 1

    def do_POST(self):
        self.count()
        n = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(n)
        if MODE == "html":
            return self.send(200, "<html><body>Gateway</body></html>", "text/html")
        if self.path.endswith("/auth"):
            return self.send(200, json.dumps(
                {"accessToken": "tok", "tokenType": "Bearer", "expiresIn": 3600}))
        self.send(404, "{}")

    def do_GET(self):
        self.count()
        if self.path.startswith("/_count"):
            return self.send(200, json.dumps(COUNTS))
        if MODE == "html":
            return self.send(200, "<html><body>Gateway</body></html>", "text/html")
        err401 = json.dumps({"status": 401, "code": "41", "type": "unauthorized",
                             "detail": "token expired",
                             "traceId": "11111111-2222-3333-4444-555555555555"})
        if MODE == "always-401":
            return self.send(401, err401)
        if MODE == "expired-once":
            with LOCK:
                first = not STATE["expired_sent"]
                STATE["expired_sent"] = True
            if first:
                return self.send(401, err401)
        items = [payment(0), payment(1), payment(2)]
        if MODE == "bad-amount":
            items[1]["totalAmount"] = "12.3.4"
        if MODE == "number-amount":
            items[1]["totalAmount"] = 12.5
        body = {"results": items, "pagination": {
            "limit": 500, "offset": 0, "total": 3, "count": 3,
            "next": None, "previous": None}}
        self.send(200, json.dumps(body))


srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
print(srv.server_address[1], flush=True)
srv.serve_forever()
