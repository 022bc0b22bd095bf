#!/usr/bin/env bash
# Benchmarks Dispatch on this machine against the local PostgreSQL and RabbitMQ; prints a table and
# writes target/bench-result.json. Never fails on speed. Takes eight to ten minutes.
#
# Settings (environment): SERVICE_JAVA (default: a JDK 25 if installed, else java), SERVICE_JVM
# (default -Xmx256m), TICKETS (20000), LOOP_SECONDS (20, each closed loop), WARMUP (10), OPEN_SECONDS (60),
# PGBENCH_SECONDS (15), ONLY (set to end-to-end for a quick tuning run: ceilings, warm-up, end to end).
set -euo pipefail
cd "$(dirname "$0")/.."

service_java=${SERVICE_JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1 || true)}
service_java=${service_java:-java}
service_jvm=${SERVICE_JVM:--Xmx256m}

echo "Building the service and the benchmark"
./mvnw -B -q -ntp -DskipTests package
./mvnw -B -q -ntp -f bench/pom.xml package
jar=$(ls target/dispatch-*.jar | grep -v original | head -n 1)

echo "Preparing a fresh virtual host dispatch-bench (the benchmark makes a fresh database dispatch_bench)"
rabbitmqctl -q delete_vhost dispatch-bench >/dev/null 2>&1 || true
rabbitmqctl -q add_vhost dispatch-bench
rabbitmqctl -q set_permissions -p dispatch-bench guest '.*' '.*' '.*'

# On JDK 25, start from an AOT cache (JEP 483/514) trained by one start against a scratch database,
# the way Spring Boot documents fast starts: extracted jar, -XX:AOTCacheOutput, exit after refresh.
aot_cache=""
if "$service_java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q AOTCacheOutput; then
  echo "Training an AOT cache"
  rm -rf target/bench-extracted
  "$service_java" -Djarmode=tools -jar "$jar" extract --destination target/bench-extracted >/dev/null
  jar=$(ls target/bench-extracted/dispatch-*.jar | head -n 1)
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE IF EXISTS dispatch_bench_train WITH (FORCE)" -c "CREATE DATABASE dispatch_bench_train"
  # shellcheck disable=SC2086
  "$service_java" $service_jvm -XX:AOTCacheOutput=target/bench-extracted/app.aot -Dspring.context.exit=onRefresh \
    -jar "$jar" --spring.profiles.active=bench --server.port=0 \
    --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/dispatch_bench_train \
    --spring.rabbitmq.virtual-host=dispatch-bench \
    --dispatch.security.admin-keys="bench-training-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')" \
    --dispatch.security.encryption-key="$(head -c 32 /dev/urandom | base64)" > target/bench-aot-training.log 2>&1
  psql -h 127.0.0.1 -U postgres -q -c "DROP DATABASE dispatch_bench_train WITH (FORCE)"
  aot_cache=target/bench-extracted/app.aot
fi

echo "Service JVM: $service_java $service_jvm"
java -cp "bench/target/classes:bench/target/lib/*" \
  -Dbench.java="$service_java" -Dbench.jvm="$service_jvm" -Dbench.aot-cache="$aot_cache" \
  -Dbench.tickets="${TICKETS:-20000}" -Dbench.seconds="${LOOP_SECONDS:-20}" \
  -Dbench.warmup="${WARMUP:-10}" -Dbench.open-seconds="${OPEN_SECONDS:-60}" \
  -Dbench.pgbench-seconds="${PGBENCH_SECONDS:-15}" -Dbench.only="${ONLY:-}" \
  io.dispatch.bench.Benchmark "$jar"
