"""Contract: review documents with presign, a real multipart upload, the
canonical URL serving the same bytes, the 20 MiB limit; customers CRUD,
documents approve/reject; GET /payments/{id}/customer."""
import hashlib
import os
import urllib.parse
import uuid

from sandbox import (Sandbox, UA, expect_error, new_payment, run_tests)

SB = Sandbox("--seed", "21")


def in_review():
    p = new_payment(SB, amount="2000000")
    r = SB.post("/payments/%s/captured" % p["id"])
    assert r.json["status"] == "REQUIRES_REVIEW", r
    return p


def multipart(fields, filename, data, ctype):
    boundary = "----sbx" + uuid.uuid4().hex
    parts = []
    for k, v in fields.items():
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\""
                      "\r\n\r\n%s\r\n" % (boundary, k, v)).encode())
    parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; "
                  "filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
                  % (boundary, filename, ctype)).encode() + data + b"\r\n")
    parts.append(("--%s--\r\n" % boundary).encode())
    return b"".join(parts), "multipart/form-data; boundary=" + boundary


def upload(desc, data, ctype="application/pdf"):
    body, ct = multipart(desc["fields"], "doc.pdf", data, ctype)
    path = urllib.parse.urlparse(desc["url"]).path
    return SB.raw_request("POST", path, body, {"Content-Type": ct})


def test_presign_upload_and_download():
    p = in_review()
    r = SB.post("/payments/%s/documents/presign" % p["id"],
                {"type": "source_of_funds", "contentType": "application/pdf"})
    assert r.status == 200, r
    d = r.json
    for k in ("url", "fields", "canonicalUrl", "expiresAt"):
        assert k in d, k
    assert d["fields"]["key"].startswith("payments/%s/source_of_funds/"
                                         % p["id"])
    data = os.urandom(700 * 1024) + b"\x00\x1b[2J"
    r = upload(d, data)
    assert r.status == 204, r
    # One use only.
    assert upload(d, b"again").status == 403
    canon = urllib.parse.urlparse(d["canonicalUrl"]).path
    got = SB.raw_request("GET", canon, None, SB.headers())
    assert got.status == 200, got
    assert hashlib.sha256(got.raw).hexdigest() == \
        hashlib.sha256(data).hexdigest()
    assert got.header("Content-Type") == "application/pdf"
    expect_error(SB.raw_request("GET", canon, None, {"User-Agent": UA}), 401)
    expect_error(SB.raw_request("GET", canon, None, SB.headers(1)), 404)
    r = SB.post("/payments/%s/documents" % p["id"],
                {"type": "source_of_funds", "url": d["canonicalUrl"],
                 "contentType": "application/pdf"})
    assert r.status == 201, r
    j = r.json
    assert j["paymentId"] == p["id"] and j["status"] == "REQUIRES_REVIEW"
    assert j["documentationStatus"] == "UPLOADED"
    assert j["document"]["url"] == d["canonicalUrl"]
    assert j["document"]["status"] == "UPLOADED" and \
        j["document"]["uploadedAt"]
    got = SB.get("/payments/" + p["id"]).json
    assert got["documentationStatus"] == "UPLOADED"
    assert got["documents"][-1]["url"] == d["canonicalUrl"]
    assert [e for e in SB.ledger(objectId=p["id"])
            if e["action"] == "document.upload"]


def test_upload_limit_and_bad_uploads():
    p = in_review()
    d = SB.post("/payments/%s/documents/presign" % p["id"],
                {"type": "kyc", "contentType": "image/png"}).json
    r = upload(d, b"\0" * (20 * 1024 * 1024 + 1), "image/png")
    expect_error(r, 413)
    ok = upload(d, b"\0" * (20 * 1024 * 1024), "image/png")
    assert ok.status == 204, ok
    r = SB.raw_request("POST", "/_uploads/" + "0" * 40, b"x",
                       {"Content-Type": "text/plain"})
    expect_error(r, 403)
    d2 = SB.post("/payments/%s/documents/presign" % p["id"],
                 {"type": "kyc"}).json
    body, ct = multipart({"key": "k"}, "f", b"", "text/plain")
    r = SB.raw_request("POST", urllib.parse.urlparse(d2["url"]).path,
                       body.replace(b"name=\"file\"", b"name=\"other\""),
                       {"Content-Type": ct})
    expect_error(r, 400, "12")


def test_document_rules():
    p = in_review()
    expect_error(SB.post("/payments/%s/documents" % p["id"],
                         {"type": "selfie"}), 400, "11")
    expect_error(SB.post("/payments/%s/documents" % p["id"], {}), 400, "12")
    expect_error(SB.post("/payments/%s/documents" % p["id"],
                         {"type": "kyc", "url": 5}), 400, "11")
    r = SB.post("/payments/%s/documents" % p["id"], {"type": "KYC"})
    assert r.status == 201 and r.json["document"]["type"] == "kyc", r
    q = new_payment(SB)
    expect_error(SB.post("/payments/%s/documents" % q["id"], {"type": "kyc"}),
                 422, "21")
    expect_error(SB.post("/payments/%s/documents/presign" % q["id"],
                         {"type": "kyc"}), 422, "21")
    expect_error(SB.post("/payments/%s/documents" % p["id"], {"type": "kyc"},
                         tenant=1), 404, "31")


def test_customers_crud_and_documents():
    r = SB.post("/customers", {"firstName": "Carlos", "lastName": "Nuevo",
                               "email": "carlos.nuevo@example.com",
                               "phoneNumber": "5491100000000",
                               "phoneNumberPrefix": "+54",
                               "documentNumber": "23111222331",
                               "documentType": "CUIT", "country": "AR"})
    assert r.status == 201, r
    c = r.json
    assert c["clientId"] == SB.tenants[0]["clientId"]
    assert c["operationLevel"] == "BASIC" and c["documents"] == []
    expect_error(SB.post("/customers", {"firstName": "Dup",
                                        "documentNumber": "23111222331"}),
                 409, "13")
    expect_error(SB.post("/customers", {"lastName": "x",
                                        "email": "a@b.c"}), 400, "12")
    expect_error(SB.post("/customers", {"firstName": "x"}), 400, "12")
    expect_error(SB.post("/customers", {"firstName": "x", "email": "a@b.c",
                                        "operationLevel": "GOLD"}), 400, "11")
    assert SB.get("/customers/" + c["id"]).json == c
    expect_error(SB.get("/customers/" + c["id"], tenant=1), 404, "31")
    r = SB.get("/customers?documentNumber=23111222331")
    assert [x["id"] for x in r.json["results"]] == [c["id"]]
    r = SB.get("/customers?email=carlos.nuevo%40example.com")
    assert r.json["pagination"]["total"] == 1
    r = SB.patch("/customers/" + c["id"], {"lastName": "Viejo",
                                           "operationLevel": "FULL"})
    assert r.status == 200 and r.json["lastName"] == "Viejo", r
    assert r.json["operationLevel"] == "FULL"
    expect_error(SB.patch("/customers/" + c["id"], {"clientId": "other"}),
                 400, "11")
    expect_error(SB.patch("/customers/" + c["id"], {"documents": []}),
                 400, "11")
    r = SB.post("/customers/%s/documents" % c["id"], {"type": "kyc"})
    assert r.status == 201 and r.json["document"]["status"] == \
        "PENDING_UPLOAD", r
    expect_error(SB.post("/customers/%s/documents/0/approve" % c["id"], {}),
                 422, "21")
    SB.post("/customers/%s/documents" % c["id"],
            {"type": "invoice", "url": "https://x.test/i.pdf"})
    expect_error(SB.post("/customers/%s/documents/1/reject" % c["id"], {}),
                 400, "12")
    r = SB.post("/customers/%s/documents/1/reject" % c["id"],
                {"reason": "blurry"})
    assert r.status == 200 and r.json["documents"][1]["status"] == \
        "REJECTED", r
    assert r.json["isDocumented"] is False
    expect_error(SB.post("/customers/%s/documents/7/approve" % c["id"], {}),
                 404, "31")
    expect_error(SB.post("/customers/%s/documents/x/approve" % c["id"], {}),
                 404, "31")


def test_payment_customer_link():
    p = new_payment(SB)
    r = SB.get("/payments/%s/customer" % p["id"])
    assert r.status == 200 and r.json["attached"] is True, r
    assert r.json["customer"]["id"] == p["customerId"]
    expect_error(SB.get("/payments/%s/customer" % p["id"], tenant=1), 404)


def test_identities_and_accounts():
    r = SB.post("/identities", {"type": "ORGANIZATION", "name": "Operator 1",
                                "email": "op1@example.com",
                                "phone": "+56912345678",
                                "documentNumber": "77123126-K",
                                "documentType": "RUT", "idv": "VERIFIED",
                                "country": "CHL"})
    assert r.status == 200 and r.json["status"] == "ACTIVE", r
    ident = r.json
    expect_error(SB.post("/identities", dict(
        {"type": "ORGANIZATION", "name": "Dup", "email": "d@example.com",
         "phone": "+56912345678", "documentNumber": "77123126-K",
         "documentType": "RUT", "idv": "VERIFIED"})), 409, "13")
    expect_error(SB.post("/identities", {"name": "x"}), 400, "12")
    assert SB.get("/identities/" + ident["id"]).json["name"] == "Operator 1"
    expect_error(SB.get("/identities/" + ident["id"], tenant=1), 404)
    r = SB.post("/accounts", {"identityId": ident["id"], "type": "CHECKING",
                              "custody": "BANK_ACCOUNT", "currency": "CLP",
                              "name": "Main"})
    assert r.status == 201, r
    a = r.json
    for k in ("id", "identityId", "externalId", "type", "custody", "balance",
              "availableFunds", "currency", "name", "accountNumber",
              "accountHolder", "status", "parentId"):
        assert k in a, k
    assert a["balance"] == "0" and a["parentId"] is None
    expect_error(SB.post("/accounts", {"identityId": ident["id"],
                                       "type": "ESCROW", "custody": "X",
                                       "currency": "CLP", "name": "n"}),
                 400, "11")
    expect_error(SB.post("/accounts", {"identityId": "c" * 24,
                                       "type": "CHECKING", "custody": "X",
                                       "currency": "CLP", "name": "n"}),
                 404, "31")
    assert SB.get("/accounts/" + a["id"]).json == a
    assert SB.get("/accounts/" + a["accountNumber"]).json == a
    r = SB.get("/accounts?identityId=" + ident["id"])
    assert [x["id"] for x in r.json["results"]] == [a["id"]]
    expect_error(SB.get("/accounts/" + a["id"], tenant=1), 404)


if __name__ == "__main__":
    run_tests(globals())
