"""Contract: every object the sandbox serves from its list and show
endpoints validates against conomy_hq's published OpenAPI schemas
(shared/api/openapi), except for the deviations decisions.md chooses
(DEVIATIONS below, each with its reason). Runs in the dialect of
SANDBOX_DIALECT; registered for both. Prints every violation with the
object's endpoint, the path inside it and the reason."""
import re
import urllib.parse

from schema import Spec
from sandbox import (PUBLISHED, Sandbox, account_for, new_payment, page_items,
                     run_tests)

PAY = Spec.load("payment-api.yaml")
IDENT = Spec.load("identity-api.json")
SB = Sandbox("--demo-data", "400", "--seed", "13", "--settle-delay-ms",
             "86400000")
TIMESTAMPS = ("authorizedAt", "capturedAt", "settledAt", "refundedAt",
              "expiresAt")


def _unassigned(o):
    return o.get("type") in ("TOPUP_ACCOUNT", "LOCAL_DEPOSIT") and \
        o.get("status") in ("CREATED", "EXPIRED")


# (kind of object, instance path regex, reason text regex, condition on
# the whole object, why it is allowed)
DEVIATIONS = [
    ("payment", r"^\$\.(%s)$" % "|".join(TIMESTAMPS), r"^null ",
     lambda o: True,
     "decisions.md: status timestamps are null until reached"),
    ("payment", r"^\$\.accountNumber$", r"^null ", _unassigned,
     "decisions.md: the accountNumber of an unassigned topup is null"),
    ("payment", r"^\$\.destinations\[0\]\.account\.accountNumber$",
     r"^null ", _unassigned,
     "decisions.md: an unassigned topup has no account yet (its ACCOUNT "
     "node's accountNumber is null like the payment's)"),
    ("payment", r"^\$\.externalId$", r"^null ",
     lambda o: o.get("type") == "REFUND" or o.get("relatedPaymentId"),
     "decisions.md: the externalId of a payment the platform created "
     "(refund or companion child) is null"),
    ("payment", r"^\$\.type$", r"^'(REFUND|LOCAL_DEPOSIT)' is not one of",
     lambda o: True,
     "decisions.md: refunds are payments of type REFUND; LOCAL_DEPOSIT is "
     "the glossary's internal type (published dialect)"),
    ("payment", r"^\$\.(accountNumber|origins\[0\]\.account\."
     r"accountNumber)$", r"^null ",
     lambda o: o.get("type") == "REFUND" and o.get("accountNumber") is None,
     "decisions.md: the accountNumber of an unassigned topup is null; the "
     "refund of an expired one returns money that never reached an account"),
    ("identity-json", r"^\$\.type$", r"^'ORGANIZATION' is not one of",
     lambda o: True,
     "the two published files disagree: payment-api.yaml's identity-type "
     "(and conomy-api.md 2.1) say ORGANIZATION, identity-api.json says "
     "COMPANY; the sandbox follows payment-api.yaml"),
    ("account", r"^\$\.parentId$", r"^null ", lambda o: True,
     "decisions.md: the parentId of a top-level account is null"),
    ("envelope", r"^\$\.pagination\.pagination\.(next|previous)$",
     r"^null ", lambda o: True,
     "decisions.md: next/previous are null at the ends of a list"),
]


def allowed(kind, obj, path, reason):
    if kind == "envelope":
        # an item inside a whole list answer: the item's own deviations
        m = re.match(r"^\$\.(pagination\.results|data)\[(\d+)\]", path)
        if m:
            items = obj["data"] if m.group(1) == "data" else \
                obj["pagination"]["results"]
            item_kind = "account" if m.group(1) != "data" else "identity"
            return allowed(item_kind, items[int(m.group(2))],
                           "$" + path[m.end():], reason)
    for k, p, r, cond, _why in DEVIATIONS:
        if k == kind and re.search(p, path) and re.search(r, reason) and \
                cond(obj):
            return True
    return False


class Checker:
    def __init__(self):
        self.violations = []
        self.checked = {}

    def check(self, where, kind, obj, schema, spec=PAY):
        self.checked[kind] = self.checked.get(kind, 0) + 1
        for path, reason in spec.validate(obj, schema):
            if not allowed(kind, obj, path, reason):
                self.violations.append((where, path, reason))

    def report(self):
        for where, path, reason in self.violations[:200]:
            print("VIOLATION %s %s: %s" % (where, path, reason))
        return self.violations


def get(path):
    r = SB.get(path)
    assert r.status == 200, (path, r)
    return r.json


def customers_query(**q):
    if PUBLISHED:
        q["clientId"] = SB.info["clientId"]
    return "/customers?" + urllib.parse.urlencode(q)


H = 3600 * 1000


def live_objects():
    """Objects made by requests and by the clock beside the demo data: a
    payment settled and partly refunded, a deposit assigned with a
    mismatch (companion child), and one left to expire (refund child)."""
    p = new_payment(SB, currency="ARS", amount="900.00")
    pid = p["id"]
    assert SB.post("/payments/%s/captured" % pid).status == 200
    assert SB.post("/payments/received", {
        "transactionId": pid, "signature": SB.signature(pid)}).status == 200
    dep = new_payment(SB, currency="ARS", amount="500.00", unassigned=True)
    gone = new_payment(SB, currency="ARS", amount="300.00", unassigned=True)
    r = SB.post("/payments/%s/assign" % dep["id"], {
        "accountNumber": account_for(SB, "ARS")["accountNumber"],
        "expectedAmount": "650.00"})
    assert r.status == 200 and r.json["childPaymentId"], r
    SB.advance(49 * H)
    assert SB.get("/payments/" + pid).json["status"] == "SETTLED"
    assert SB.get("/payments/" + gone["id"]).json["status"] == "EXPIRED"
    r = SB.post("/payments/%s/refund" % pid, {"amount": "100.00"})
    assert r.status == 201, r
    return {pid, dep["id"], gone["id"], r.json["refundId"],
            r.json["parentPaymentId"]}


def test_every_served_object_validates():
    c = Checker()
    pay = "#/components/schemas/payment"
    live = live_objects()
    payments = SB.list_all("/payments")
    assert len(payments) > 400 and live <= {p["id"] for p in payments}
    for p in payments:
        c.check("GET /payments item " + p["id"], "payment", p, pay)
    # a show of every status and type, and of some more
    seen = set()
    for p in payments:
        key = (p["status"], p["type"])
        if key in seen and len(seen) > 40 and p["id"] not in live:
            continue
        seen.add(key)
        one = get("/payments/" + p["id"])
        c.check("GET /payments/" + p["id"], "payment", one, pay)
        cust = get("/payments/%s/customer" % p["id"])["customer"]
        if cust is not None:
            c.check("GET /payments/%s/customer" % p["id"], "customer", cust,
                    "#/components/schemas/customer")
    for p in SB.list_all("/refunds"):
        c.check("GET /refunds item " + p["id"], "payment", p, pay)
        par = p["parentPaymentId"]
        for k in get("/payments/%s/refund" % par)["refunds"]:
            c.check("GET /payments/%s/refund" % par, "payment", k, pay)
    accounts = SB.list_all("/accounts")
    assert accounts
    for a in accounts:
        c.check("GET /accounts item " + a["id"], "account", a,
                "#/components/schemas/account")
        c.check("GET /accounts/" + a["id"], "account",
                get("/accounts/" + a["id"]), "#/components/schemas/account")
    idents = SB.list_all("/identities")
    assert idents
    for i in idents:
        c.check("GET /identities item " + i["id"], "identity", i,
                "#/components/schemas/identity")
        one = get("/identities/" + i["id"])
        c.check("GET /identities/" + i["id"], "identity", one,
                "#/components/schemas/identity")
        c.check("GET /identities/%s (identity-api.json)" % i["id"],
                "identity-json", one,
                IDENT.response_schema("/identities/{identityId}"),
                spec=IDENT)
    custs = page_items(get(customers_query(limit=100)))[0]
    assert custs
    for cu in custs:
        c.check("GET /customers item " + cu["id"], "customer", cu,
                "#/components/schemas/customer")
        c.check("GET /customers/" + cu["id"], "customer",
                get("/customers/" + cu["id"]),
                "#/components/schemas/customer")
    print("checked:", c.checked)
    assert not c.report(), "%d violations" % len(c.violations)


def test_published_envelopes_are_the_documented_ones():
    if not PUBLISHED:
        return
    c = Checker()
    c.check("GET /accounts", "envelope", get("/accounts?limit=3"),
            PAY.response_schema("/accounts"))
    c.check("GET /identities", "envelope", get("/identities?limit=3"),
            PAY.response_schema("/identities"))
    assert not c.report(), "%d violations" % len(c.violations)


def test_the_validator_catches_violations():
    """The checker is not vacuous: known-bad objects fail with the path."""
    good = get("/payments/" + SB.list_all("/payments")[0]["id"])
    bad = dict(good, totalAmount=12, type="NOPE")
    bad.pop("currency")
    errs = dict(PAY.validate(bad, "#/components/schemas/payment"))
    assert "$.totalAmount" in errs and "$.type" in errs, errs
    assert any("currency" in r for r in errs.values()), errs
    node = dict(type="SWIFT", currency="USD", swift={"iban": "x"})
    errs = PAY.validate(node, "#/components/schemas/payment-node")
    assert any(p == "$.swift" and "swiftCode" in r for p, r in errs), errs


if __name__ == "__main__":
    run_tests(globals())
