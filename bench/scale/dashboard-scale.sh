#!/usr/bin/env bash
# The dashboard and the ticket list at a million tickets: builds the jar, starts it on a database of
# its own, makes 1,000,000 tickets (with their deliveries and attempts) by SQL, then times every
# page and refresh and the list API (median of 5 over loopback), and prints the plans of the list's
# queries. It reports; it never fails on speed. About five minutes.
#   bash bench/scale/dashboard-scale.sh            TICKETS=200000 for a quicker look
set -euo pipefail
cd "$(dirname "$0")/../.."
TICKETS=${TICKETS:-1000000}
DB=dispatch_scale
PORT=18099
ADMIN=dsp_admin_of_the_scale_measurement_only
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1)/bin/java}
[ -x "$JAVA" ] || JAVA=java
psql_() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres "$@"; }

[ -f target/dispatch-*.jar ] || ./mvnw -q -B -DskipTests package
JAR=$(ls target/dispatch-*.jar | grep -v plain | head -n 1)
psql_ -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
rabbitmqctl -q delete_vhost $DB >/dev/null 2>&1 || true
rabbitmqctl -q add_vhost $DB && rabbitmqctl -q set_permissions -p $DB guest '.*' '.*' '.*'
SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:5432/$DB SPRING_RABBITMQ_VIRTUAL_HOST=$DB SERVER_PORT=$PORT \
  DISPATCH_SECURITY_ADMIN_KEYS=$ADMIN DISPATCH_SECURITY_ENCRYPTION_KEY=$(head -c 32 /dev/urandom | base64) \
  LOGGING_LEVEL_IO_DISPATCH=WARN "$JAVA" -Xmx256m -jar "$JAR" > target/scale-service.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 240); do curl -sf localhost:$PORT/actuator/health/readiness >/dev/null && break; sleep 0.5; done
made() { curl -s -X POST localhost:$PORT/api/v1/clients -H "Authorization: Bearer $ADMIN" \
  -H 'Content-Type: application/json' -d "{\"name\":\"$1\"}"; }
field() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }
HELPDESK=$(made helpdesk); MAGAZINE=$(made magazine)
A=$(echo "$HELPDESK" | field "['clientId']"); KEY=$(echo "$HELPDESK" | field "['apiKey']['key']")
B=$(echo "$MAGAZINE" | field "['clientId']")

echo "making $TICKETS tickets by SQL" >&2
psql_ -d $DB <<SQL
INSERT INTO tickets (id, client_id, type, request_id, payload, payload_hash, callback_url, status, result, error,
                     run_count, version, created_at, updated_at, published_at, claimed_at)
SELECT gen_random_uuid(), CASE WHEN i % 10 < 7 THEN '$A'::uuid ELSE '$B'::uuid END,
       CASE WHEN i % 20 = 0 THEN 'always-fails' ELSE 'echo-test' END, 'req-' || i,
       '{"email":"a@example.com","name":"A","surname":"B"}', 'x', 'http://127.0.0.1:9/callback',
       CASE WHEN i % 20 = 0 THEN 'FAILED' ELSE 'COMPLETED' END,
       CASE WHEN i % 20 = 0 THEN NULL ELSE '{"email":"a@example.com","name":"A","surname":"B"}' END,
       CASE WHEN i % 20 = 0 THEN 'the printer is on fire' END, 1, 2,
       now() - make_interval(secs => i * 2.5), now() - make_interval(secs => i * 2.5 - 1),
       now() - make_interval(secs => i * 2.5), now() - make_interval(secs => i * 2.5)
FROM generate_series(1, $TICKETS) i;
INSERT INTO callback_deliveries (ticket_id, client_id, url, body, status, attempts, budget_start, next_attempt_at,
                                 last_attempt_at, last_status_code, created_at, updated_at, submitted_at)
SELECT id, client_id, callback_url, '{}',
       CASE WHEN abs(hashtext(request_id)) % 1000 = 0 THEN 'RETRYING'
            WHEN abs(hashtext(request_id)) % 1000 = 1 THEN 'EXHAUSTED' ELSE 'DELIVERED' END,
       1, 0, CASE WHEN abs(hashtext(request_id)) % 1000 = 0 THEN now() + interval '5 minutes' END,
       updated_at, CASE WHEN abs(hashtext(request_id)) % 1000 < 2 THEN 503 ELSE 200 END, updated_at, updated_at,
       created_at
FROM tickets;
INSERT INTO callback_attempts (ticket_id, attempt, attempted_at, status_code, duration_ms, outcome, error)
SELECT ticket_id, 1, last_attempt_at, last_status_code, 12,
       CASE WHEN last_status_code = 200 THEN 'SUCCEEDED' ELSE 'FAILED' END, NULL
FROM callback_deliveries;
INSERT INTO delivery_minutes (client_id, minute, delivered, failed)
SELECT c, date_trunc('minute', now()) - make_interval(mins => m), 1000 + m * 7, m % 5
FROM generate_series(0, 59) m, (VALUES ('$A'::uuid), ('$B'::uuid)) clients(c);
ANALYZE;
SQL

jar=$(mktemp)
csrf() { curl -s -c "$jar" -b "$jar" localhost:$PORT/dashboard/sign-in | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -n 1; }
signin() { rm -f "$jar"; local token; token=$(csrf)
  curl -s -o /dev/null -c "$jar" -b "$jar" -X POST localhost:$PORT/dashboard/sign-in --data-urlencode "key=$1" \
    --data-urlencode "_csrf=$token"; }
median() { # label curl-args... ; prints the median of 5 timed requests (after one untimed)
  local label=$1; shift
  curl -s -o /dev/null "$@"
  local times
  times=$(for _ in 1 2 3 4 5; do curl -s -o /dev/null -w '%{time_total}\n' "$@"; done | sort -n | sed -n 3p)
  printf '%-58s %7.1f ms\n' "$label" "$(python3 -c "print($times*1000)")"
}
TICKET=$(curl -s "localhost:$PORT/api/v1/tickets?limit=1" -H "Authorization: Bearer $KEY" | field "[0]['ticketId']")
NEXT=$(curl -s -D - -o /dev/null "localhost:$PORT/api/v1/tickets?limit=50" -H "Authorization: Bearer $KEY" \
  | sed -n 's/^Link: <\([^>]*\)>.*/\1/p' | tr -d '\r')
DEEP=$(psql_ -d $DB -At -c "SELECT request_id FROM tickets WHERE client_id = '$A' ORDER BY created_at LIMIT 1")

echo "== $(psql_ -d $DB -At -c 'SELECT count(*) FROM tickets') tickets; times are medians of 5, over loopback"
signin "$KEY"
median "dashboard overview (client)" -b "$jar" localhost:$PORT/dashboard
median "dashboard overview refresh (client)" -b "$jar" localhost:$PORT/dashboard/overview
median "dashboard tickets, first page (client)" -b "$jar" localhost:$PORT/dashboard/tickets
median "dashboard tickets, status=FAILED" -b "$jar" "localhost:$PORT/dashboard/tickets?status=FAILED"
median "dashboard tickets, callbackStatus=RETRYING" -b "$jar" "localhost:$PORT/dashboard/tickets?callbackStatus=RETRYING"
median "dashboard tickets, callbackStatus=EXHAUSTED" -b "$jar" "localhost:$PORT/dashboard/tickets?callbackStatus=EXHAUSTED"
median "dashboard tickets, type=always-fails" -b "$jar" "localhost:$PORT/dashboard/tickets?type=always-fails"
median "dashboard tickets, oldest request id (jump box)" -b "$jar" "localhost:$PORT/dashboard/tickets?requestId=$DEEP"
median "dashboard one ticket" -b "$jar" localhost:$PORT/dashboard/tickets/$TICKET
signin "$ADMIN"
median "dashboard overview (operator)" -b "$jar" localhost:$PORT/dashboard
median "dashboard overview refresh (operator)" -b "$jar" localhost:$PORT/dashboard/overview
median "dashboard tickets, first page (operator)" -b "$jar" localhost:$PORT/dashboard/tickets
median "dashboard tickets, status=FAILED (operator)" -b "$jar" "localhost:$PORT/dashboard/tickets?status=FAILED"
median "dashboard clients (operator)" -b "$jar" localhost:$PORT/dashboard/clients
median "API list, 50 newest" -H "Authorization: Bearer $KEY" "localhost:$PORT/api/v1/tickets"
median "API list, next page by cursor" -H "Authorization: Bearer $KEY" "localhost:$PORT$NEXT"
median "API list, 200 with status=COMPLETED" -H "Authorization: Bearer $KEY" "localhost:$PORT/api/v1/tickets?status=COMPLETED&limit=200"
median "API list, createdBefore a month ago" -H "Authorization: Bearer $KEY" "localhost:$PORT/api/v1/tickets?createdBefore=$(date -u -d '30 days ago' +%FT%TZ)"

echo "== plans"
plan() { echo "-- $1"; psql_ -d $DB -At -c "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) $2" | grep -E 'Scan|Sort|Limit|Nested|Join|Execution' | sed 's/^/   /'; }
SELECT="SELECT t.id FROM tickets t LEFT JOIN callback_deliveries d ON d.ticket_id = t.id WHERE true"
plan "client's newest" "$SELECT AND t.client_id = '$A' ORDER BY t.created_at DESC, t.id DESC LIMIT 51"
plan "client's FAILED" "$SELECT AND t.client_id = '$A' AND t.status IN ('FAILED') ORDER BY t.created_at DESC, t.id DESC LIMIT 51"
plan "client's RETRYING callbacks" "$SELECT AND t.client_id = '$A' AND t.id IN (SELECT ticket_id FROM callback_deliveries WHERE status IN ('RETRYING') AND client_id = '$A') ORDER BY t.created_at DESC, t.id DESC LIMIT 51"
plan "client's EXHAUSTED callbacks" "$SELECT AND t.client_id = '$A' AND t.id IN (SELECT ticket_id FROM callback_deliveries WHERE status IN ('EXHAUSTED') AND client_id = '$A') ORDER BY t.created_at DESC, t.id DESC LIMIT 51"
plan "operator's newest" "$SELECT ORDER BY t.created_at DESC, t.id DESC LIMIT 51"
plan "by request id" "$SELECT AND t.client_id = '$A' AND t.request_id = '$DEEP' ORDER BY t.created_at DESC, t.id DESC LIMIT 51"
