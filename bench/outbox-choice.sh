#!/usr/bin/env bash
# Measures the two outbox shapes on the local PostgreSQL with the service's own schema: the ticket
# row as outbox (one insert per ticket; the "published" mark is one update per up to 500 tickets),
# and a separate event-publication table (insert with the ticket, update on confirm).
set -euo pipefail
cd "$(dirname "$0")/.."
db=dispatch_outbox_choice
clients=${CLIENTS:-64}
seconds=${SECONDS_EACH:-15}
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
for migration in $(ls src/main/resources/db/migration/V*.sql | sort -V); do
  psql -h 127.0.0.1 -U postgres -q -d "$db" -v ON_ERROR_STOP=1 -f "$migration"
done
psql -h 127.0.0.1 -U postgres -q -d "$db" -v ON_ERROR_STOP=1 -f bench/pgbench/registry-schema.sql \
  -c "INSERT INTO clients (id, name, created_at) VALUES ('00000000-0000-0000-0000-0000000000bb', 'pgbench', now())"
rate() { pgbench -h 127.0.0.1 -U postgres -n -M prepared -c "$clients" -j 2 -T "$seconds" -f "$1" "$db" \
  | sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p'; }
row=$(rate bench/pgbench/insert.sql)
registry=$(rate bench/pgbench/registry-outbox.sql)
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE $db WITH (FORCE)"
printf 'outbox shape                                   tickets/s (%s clients, durable commits)\n' "$clients"
printf 'ticket row as outbox (1 insert)                %10.0f\n' "$row"
printf 'event-publication table (2 inserts + 1 update) %10.0f  (%.2f x)\n' "$registry" "$(echo "$registry / $row" | bc -l)"
