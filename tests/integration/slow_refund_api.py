#!/usr/bin/env python3
"""A tiny conomy_hq API, like the real one without idempotency keys, whose
refunds are slow: POST /payments/{id}/refund waits --delay seconds BEFORE it
creates the refund (a busy server still working on the request), then
answers. Every request is answered; nothing is dropped.

Serves on 127.0.0.1 (free port, printed as the first stdout line):
POST /auth, GET /payments (pagination envelope), GET /payments/{id},
GET /payments/{id}/refund, POST /payments/{id}/refund; anything else 404.
GET /_refunds returns {"created": N, "inFlight": M} for the test.
"""
import json
import sys
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DELAY = float(sys.argv[sys.argv.index("--delay") + 1]) if "--delay" in sys.argv else 3.0
LOCK = threading.Lock()
TRACE = "22222222-3333-4444-5555-666666666666"


def now_iso():
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + \
        "%03dZ" % (datetime.now(timezone.utc).microsecond // 1000)


def payment(i, amount, status="SETTLED", ptype="PURCHASE", parent=None,
            created="2025-03-01T10:00:00.000Z"):
    return {
        "id": "%024x" % (0x5100000 + i), "externalId": "slow-%d" % i,
        "identityId": "%024x" % 1, "accountNumber": "2000%d" % i,
        "totalAmount": amount, "currency": "USD", "status": status,
        "type": ptype, "createdAt": created, "updatedAt": created,
        "authorizedAt": None, "capturedAt": None, "settledAt": None,
        "refundedAt": None, "expiresAt": None, "documentationStatus": None,
        "reviewReason": None, "parentPaymentId": parent,
        "relatedPaymentId": None, "customerId": None,
        "description": "payment %d" % i,
    }


PAYMENTS = [payment(i, "100.00") for i in range(1, 6)]
STATE = {"next": 100, "in_flight": 0}


def find(pid):
    return next((p for p in PAYMENTS if p["id"] == pid), None)


def summary(parent):
    kids = [p for p in PAYMENTS if p["parentPaymentId"] == parent["id"]]
    used = sum(float(k["totalAmount"]) for k in kids if k["status"] != "FAILED")
    left = float(parent["totalAmount"]) - used
    return kids, {
        "parentPaymentId": parent["id"], "parentAmount": parent["totalAmount"],
        "currency": "USD", "totalRefunded": "0.00",
        "totalInProgress": "%.2f" % used, "totalFailed": "0.00",
        "maxRefundable": "%.2f" % left, "completedCount": 0,
        "inProgressCount": len(kids), "failedCount": 0}


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, code, obj):
        data = json.dumps(obj).encode()
        try:
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("X-Trace-Id", TRACE)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client is gone (a killed desk): the work is done anyway

    def not_found(self):
        self.send(404, {"status": 404, "code": "31", "type": "notFound",
                        "detail": "not found", "traceId": TRACE})

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(n) or b"{}")
        path = self.path.split("?")[0].removeprefix("/sandbox")
        if path == "/auth":
            return self.send(200, {"accessToken": "tok", "tokenType": "Bearer",
                                   "expiresIn": 3600})
        parts = path.strip("/").split("/")
        if len(parts) == 3 and parts[0] == "payments" and parts[2] == "refund":
            parent = find(parts[1])
            if parent is None:
                return self.not_found()
            with LOCK:
                STATE["in_flight"] += 1
            time.sleep(DELAY)  # still working on it: nothing exists yet
            with LOCK:
                STATE["in_flight"] -= 1
                _, s = summary(parent)
                amount = body.get("amount") or s["maxRefundable"]
                if float(amount) > float(s["maxRefundable"]) + 1e-9:
                    return self.send(422, {
                        "status": 422, "code": "21", "type": "failedPrecondition",
                        "detail": "amount exceeds maxRefundable " + s["maxRefundable"],
                        "traceId": TRACE})
                STATE["next"] += 1
                child = payment(STATE["next"], "%.2f" % float(amount),
                                status="RECEIVED", ptype="REFUND",
                                parent=parent["id"], created=now_iso())
                PAYMENTS.append(child)
            return self.send(201, {"refundId": child["id"],
                                   "parentPaymentId": parent["id"],
                                   "status": "RECEIVED",
                                   "totalAmount": child["totalAmount"],
                                   "currency": "USD",
                                   "createdAt": child["createdAt"]})
        self.not_found()

    def do_GET(self):
        path, _, query = self.path.partition("?")
        path = path.removeprefix("/sandbox")
        if path == "/_refunds":
            with LOCK:
                made = sum(1 for p in PAYMENTS if p["type"] == "REFUND")
                return self.send(200, {"created": made,
                                       "inFlight": STATE["in_flight"]})
        parts = path.strip("/").split("/")
        with LOCK:
            if path == "/payments":
                q = dict(kv.partition("=")[::2] for kv in query.split("&") if kv)
                limit = int(q.get("limit", "50"))
                offset = int(q.get("offset", "0"))
                items = sorted(PAYMENTS, key=lambda p: p["createdAt"],
                               reverse="asc" not in q.get("sort", ""))
                page = items[offset:offset + limit]
                nxt = offset + limit if offset + limit < len(items) else None
                return self.send(200, {"results": page, "pagination": {
                    "limit": limit, "offset": offset, "total": len(items),
                    "count": len(page), "next": nxt,
                    "previous": None if offset == 0 else max(0, offset - limit)}})
            if len(parts) == 2 and parts[0] == "payments":
                p = find(parts[1])
                return self.send(200, p) if p else self.not_found()
            if len(parts) == 3 and parts[0] == "payments" and parts[2] == "refund":
                p = find(parts[1])
                if p is None:
                    return self.not_found()
                kids, s = summary(p)
                return self.send(200, {"parentId": p["id"], "refunds": kids,
                                       "summary": s})
        self.not_found()


def main():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    srv.daemon_threads = True
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
