#!/usr/bin/env bash
# Benchmarks Dispatch on this machine against the local PostgreSQL and RabbitMQ; prints a table and
# writes target/bench-result.json. Never fails on speed. Takes about six minutes.
#
# Settings (environment): SERVICE_JAVA (default: a JDK 25 if installed, else java), SERVICE_JVM
# (default -Xmx256m), TICKETS (20000), LOOP_SECONDS (20, each closed loop), WARMUP (10), OPEN_SECONDS (60),
# PGBENCH_SECONDS (15).
set -euo pipefail
cd "$(dirname "$0")/.."

service_java=${SERVICE_JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1 || true)}
service_java=${service_java:-java}
service_jvm=${SERVICE_JVM:--Xmx256m}

echo "Building the service and the benchmark"
./mvnw -B -q -ntp -DskipTests package
./mvnw -B -q -ntp -f bench/pom.xml package
jar=$(ls target/dispatch-*.jar | grep -v original | head -n 1)

echo "Preparing a fresh database dispatch_bench and virtual host dispatch-bench"
psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS dispatch_bench WITH (FORCE)" -c "CREATE DATABASE dispatch_bench"
rabbitmqctl -q delete_vhost dispatch-bench >/dev/null 2>&1 || true
rabbitmqctl -q add_vhost dispatch-bench
rabbitmqctl -q set_permissions -p dispatch-bench guest '.*' '.*' '.*'

echo "Service JVM: $service_java $service_jvm"
java -cp "bench/target/classes:bench/target/lib/*" \
  -Dbench.java="$service_java" -Dbench.jvm="$service_jvm" \
  -Dbench.tickets="${TICKETS:-20000}" -Dbench.seconds="${LOOP_SECONDS:-20}" \
  -Dbench.warmup="${WARMUP:-10}" -Dbench.open-seconds="${OPEN_SECONDS:-60}" \
  -Dbench.pgbench-seconds="${PGBENCH_SECONDS:-15}" \
  io.dispatch.bench.Benchmark "$jar"
