#!/usr/bin/env bash
# The hostile API double itself (hostile_server.py) behaves as documented, so
# the desk's tests built on it test the desk: startup line, auth, POST
# counting, and the defining misbehaviour of each mode.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/hostile_lib.sh"
token() {
  curl -fsS -X POST "$HS_URL/auth" -H "x-api-key: $CONOMY_API_KEY" \
    -d "{\"clientId\":\"$CONOMY_CLIENT_ID\",\"clientSecret\":\"$CONOMY_CLIENT_SECRET\"}" |
    jq -r .accessToken
}
hget() {
  curl -sS "$HS_URL$1" -H "x-api-key: $CONOMY_API_KEY" \
    -H "Authorization: Bearer $TOK"
}
hpost() {
  curl -sS -o /dev/null -w '%{http_code}' -X POST "$HS_URL$1" \
    -H "x-api-key: $CONOMY_API_KEY" -H "Authorization: Bearer $TOK" -d "$2"
}
stats() { curl -fsS "$HS_ROOT/__hostile/stats"; }

note "ok: auth, 401 without a token, honest paging, POST counting"
start_hostile ok --count 120
code=$(curl -s -o /dev/null -w '%{http_code}' "$HS_URL/payments")
[ "$code" = 401 ] || fail "no token: $code"
TOK=$(token)
p=$(hget '/payments?limit=50&offset=100&sort=createdAt:asc')
[ "$(jq '.results|length' <<<"$p")" = 20 ] || fail "last page size"
[ "$(jq '.pagination.next' <<<"$p")" = null ] || fail "last page next"
[ "$(jq '.pagination.total' <<<"$p")" = 120 ] || fail "total"
code=$(hget '/payments?limit=501' | jq .status)
[ "$code" = 400 ] || fail "limit over 500 accepted"
settled=$(hget '/payments?status=SETTLED&limit=500' | jq -r '.results[0].id')
[ "$(hpost "/payments/$settled/refund" '{"amount":"1.00"}')" = 201 ] || fail "refund"
[ "$(stats | jq -r --arg p "/payments/$settled/refund" '.posts[$p]')" = 1 ] ||
  fail "POST not counted"
kill "$HS_PID"

note "endless-fresh: every page new ids and a next"
start_hostile endless-fresh
TOK=$(token)
a=$(hget '/payments?limit=50&offset=0' | jq -r '[.results[].id]|sort|join(",")')
b=$(hget '/payments?limit=50&offset=0' | jq -r '[.results[].id]|sort|join(",")')
[ "$a" != "$b" ] || fail "endless-fresh repeated ids"
[ "$(hget '/payments?limit=50&offset=5000' | jq .pagination.next)" = 5050 ] ||
  fail "endless-fresh has no next"
kill "$HS_PID"

note "endless-same, offset-echo-zero, next-back, short-total, limit-cap, ignore-sort"
start_hostile endless-same
TOK=$(token)
[ "$(hget '/payments?offset=0' | jq -c '[.results[].id]')" = \
  "$(hget '/payments?offset=900' | jq -c '[.results[].id]')" ] || fail "same"
kill "$HS_PID"
start_hostile offset-echo-zero
TOK=$(token)
[ "$(hget '/payments?limit=10&offset=500' | jq .pagination.offset)" = 0 ] ||
  fail "offset not echoed 0"
kill "$HS_PID"
start_hostile next-back
TOK=$(token)
[ "$(hget '/payments?limit=500&offset=0' | jq -c '[.pagination.next,(.results|length),.pagination.total]')" = \
  "[0,50,1000]" ] || fail "next-back first page"
kill "$HS_PID"
start_hostile short-total
TOK=$(token)
[ "$(hget '/payments?limit=500' | jq -c '[.pagination.total,(.results|length),.pagination.next]')" = \
  "[1000,50,null]" ] || fail "short-total"
kill "$HS_PID"
start_hostile limit-cap
TOK=$(token)
[ "$(hget '/payments?limit=500&offset=100' | jq -c '[(.results|length),.pagination.next]')" = \
  "[100,200]" ] || fail "limit-cap"
kill "$HS_PID"
start_hostile ignore-sort --count 30
TOK=$(token)
old=$(curl -fsS -X POST "$HS_ROOT/__hostile/touch" -d '{}' | jq -r .id)
first=$(hget '/payments?sort=updatedAt:desc&limit=1' | jq -r '.results[0].id')
[ "$first" != "$old" ] || fail "ignore-sort honoured updatedAt"
[ "$first" = "6a$(printf '%022x' 29)" ] || fail "ignore-sort: not createdAt desc"
kill "$HS_PID"

note "bad-records: malformed records among good ones, listed in stats"
start_hostile bad-records
TOK=$(token)
page=$(hget '/payments?limit=500')
nbad=$(stats | jq '.bad|length')
nodd=$(stats | jq '.odd|length')
[ "$nbad" -ge 10 ] && [ "$nodd" -ge 6 ] || fail "bad-records lists"
[ "$(jq '.results|length' <<<"$page")" = $((40 + nbad + nodd)) ] ||
  fail "bad-records page size"
jq -e '.results|map(select(type=="object" and (.totalAmount|type)=="number"))|length==1' \
  <<<"$page" >/dev/null || fail "no number amount"
kill "$HS_PID"

note "ok-2xx-junk: the refund happens, the answer is junk"
start_hostile ok-2xx-junk --count 20
TOK=$(token)
parent=$(hget '/payments?status=SETTLED' | jq -r '.results[0].id')
body=$(curl -sS -X POST "$HS_URL/payments/$parent/refund" \
  -H "x-api-key: $CONOMY_API_KEY" -H "Authorization: Bearer $TOK" -d '{"amount":"1.00"}')
[ "$body" = '{"ok":true}' ] || fail "junk refund answer: $body"
[ "$(hget "/payments/$parent/refund" | jq '.refunds|length')" = 1 ] ||
  fail "refund did not happen"
created=$(hget '/payments?status=CREATED' | jq -r '[.results[]|select(.accountNumber!=null)][0].id')
[ "$(hpost "/payments/$created/captured" '{}')" = 202 ] || fail "junk capture"
[ "$(hget "/payments/$created" | jq -r .status)" = CAPTURED ] || fail "capture not applied"
kill "$HS_PID"

note "ok-501: every action 501, nothing changes"
start_hostile ok-501 --count 20
TOK=$(token)
parent=$(hget '/payments?status=SETTLED' | jq -r '.results[0].id')
[ "$(hpost "/payments/$parent/refund" '{}')" = 501 ] || fail "ok-501"
[ "$(hget "/payments/$parent/refund" | jq '.refunds|length')" = 0 ] || fail "501 applied"
kill "$HS_PID"

note "token-crlf: the token carries CR LF"
start_hostile token-crlf
[ "$(token | tr -d -c '\r' | wc -c)" = 1 ] || fail "no CR in token"
kill "$HS_PID"

note "published-shapes: nested accounts, identities cursor, customers need clientId"
start_hostile published-shapes --count 20
TOK=$(token)
hget /accounts | jq -e '.pagination.pagination.total==2 and (.pagination.results|length)==2' \
  >/dev/null || fail "nested accounts"
[ "$(hget /identities | jq -r .pagination.next)" = c2 ] || fail "identities cursor"
[ "$(hget '/identities?next=c4' | jq -c '[(.data|length),.pagination.next]')" = "[1,null]" ] ||
  fail "identities last page"
[ "$(hget /customers | jq .status)" = 400 ] || fail "customers without clientId"
[ "$(hget "/customers?clientId=$CONOMY_CLIENT_ID" | jq .count)" = 3 ] || fail "customers"
hget '/payments?type=LOCAL_DEPOSIT' | jq -e '.results|length>0' >/dev/null || fail "no LOCAL_DEPOSIT"
kill "$HS_PID"

note "huge-body and slow"
start_hostile huge-body
TOK=$(token)
n=$(hget '/payments' | wc -c)
[ "$n" -gt $((60 * 1024 * 1024)) ] || fail "huge body is $n bytes"
kill "$HS_PID"
start_hostile slow
TOK=$(token)
set +e
got=$(curl -sS -m 3 "$HS_URL/payments" -H "x-api-key: $CONOMY_API_KEY" \
  -H "Authorization: Bearer $TOK" 2>/dev/null | wc -c)
set -e
[ "$got" -le 4 ] || fail "slow sent $got bytes in 3 s"
echo PASS
