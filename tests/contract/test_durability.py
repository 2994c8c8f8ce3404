"""Contract: kill -9 at any moment. After a SIGKILL under concurrent
writes the database passes PRAGMA integrity_check, every acknowledged
change is still there after a restart, and the money invariants hold."""
import sqlite3
import threading
import time

from sandbox import Sandbox, new_payment, run_tests, settle


def test_kill9_under_load():
    sb = Sandbox("--seed", "4", "--settle-delay-ms", "50", "--demo-data",
                 "300")
    parents = [settle(sb, new_payment(sb, amount="100000")["id"])
               for _ in range(3)]
    acked = []
    refunds = []
    stop = threading.Event()
    lock = threading.Lock()

    def writer(i):
        n = 0
        while not stop.is_set():
            n += 1
            try:
                if n % 3 == 0:
                    par = parents[(i + n) % len(parents)]
                    r = sb.post("/payments/%s/refund" % par["id"],
                                {"amount": "1000"}, timeout=5)
                    if r.status == 201:
                        with lock:
                            refunds.append((par["id"], r.json["refundId"]))
                else:
                    r = sb.post("/customers", {"firstName": "K%d" % i,
                                               "email": "k%d.%d@x.test"
                                               % (i, n)}, timeout=5)
                    if r.status == 201:
                        with lock:
                            acked.append(r.json["id"])
            except Exception:  # noqa: BLE001 - the server dies under us
                return

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    time.sleep(1.5)
    sb.kill9()
    stop.set()
    for t in threads:
        t.join(10)
    assert len(acked) > 20 and len(refunds) > 5, (len(acked), len(refunds))

    con = sqlite3.connect(sb.db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        have = {r[0] for r in con.execute("SELECT id FROM customers")}
        missing = [x for x in acked if x not in have]
        assert not missing, missing[:5]
        have_p = {r[0] for r in con.execute("SELECT id FROM payments")}
        assert all(rid in have_p for _, rid in refunds)
        for par in parents:
            total = con.execute(
                "SELECT coalesce(sum(amount_minor),0) FROM payments WHERE "
                "parent_id = ? AND type = 'REFUND' AND status != 'FAILED'",
                (par["id"],)).fetchone()[0]
            assert total <= 100000, total
    finally:
        con.close()

    old_key = sb.info["apiKey"]
    sb.start()
    try:
        assert sb.info["apiKey"] == old_key
        for cid in acked[-10:]:
            assert sb.get("/customers/" + cid).status == 200
        for par, rid in refunds[-5:]:
            r = sb.get("/payments/" + rid)
            assert r.status == 200 and r.json["parentPaymentId"] == par
        # The clock work resumes: refunds still RECEIVED get settled.
        end = time.time() + 10
        while time.time() < end:
            pend = [p for p in sb.list_all("/refunds", status="RECEIVED")]
            if not pend:
                break
            time.sleep(0.1)
        assert not pend
        # Demo data is not generated twice.
        assert sb.get("/payments?limit=1").json["pagination"]["total"] >= 300
    finally:
        sb.stop()


def test_idempotency_key_in_flight_at_kill9_never_executes_twice():
    sb = Sandbox("--settle-delay-ms", "50")
    try:
        p = settle(sb, new_payment(sb, amount="5000")["id"])
        path = "/payments/%s/refund" % p["id"]
        h = {"Idempotency-Key": "crash-1"}
        # The refund commits, then its answer is held back by latency.
        sb.faults(latencyMs=5000, match={"method": "POST",
                                         "pathPrefix": path})
        t = threading.Thread(target=lambda: _swallow(
            lambda: sb.post(path, {"amount": "100"}, headers=h, timeout=10)))
        t.start()
        end = time.time() + 5
        while time.time() < end and not sb.ledger(action="refund.create"):
            time.sleep(0.05)
        assert sb.ledger(action="refund.create")
        sb.kill9()
        t.join(10)
        sb.start()
        r = sb.post(path, {"amount": "100"}, headers=h)
        assert r.status == 409 and r.json["code"] == "13", r
        assert len(sb.get(path).json["refunds"]) == 1
        # A key whose request never committed is simply forgotten.
        r = sb.post(path, {"amount": "100"}, headers={"Idempotency-Key":
                                                      "fresh"})
        assert r.status == 201, r
    finally:
        sb.stop()


def _swallow(fn):
    try:
        fn()
    except Exception:  # noqa: BLE001 - the server is killed under it
        pass


def test_sigterm_and_sigint_are_clean():
    import signal
    for i in range(6):
        sb = Sandbox("--webhook-url", "http://127.0.0.1:9/none")
        assert sb.get("/payments").status == 200
        assert sb.stop(signal.SIGTERM if i % 2 else signal.SIGINT) == 0
        con = sqlite3.connect(sb.db)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == \
                "ok"
        finally:
            con.close()


if __name__ == "__main__":
    run_tests(globals())
