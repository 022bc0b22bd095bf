#!/usr/bin/env bash
# What deleting ended tickets costs intake (issue 21): the same closed loop of submissions beside
# 100,000 ended tickets, with retention off, then with retention deleting them. Prints the
# latencies and the ratio of the p99s. Never fails on speed. Takes about two minutes.
#
# Settings (environment): SERVICE_JAVA, SERVICE_JVM (as run.sh), ENDED (100000), LOOP_SECONDS (30),
# CONNECTIONS (16).
set -euo pipefail
cd "$(dirname "$0")/.."

service_java=${SERVICE_JAVA:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1 || true)}
service_java=${service_java:-java}

echo "Building the service and the benchmark"
./mvnw -B -q -ntp -DskipTests package
./mvnw -B -q -ntp -f bench/pom.xml package
jar=$(ls target/dispatch-*.jar | grep -v original | head -n 1)

rabbitmqctl -q delete_vhost dispatch-bench >/dev/null 2>&1 || true
rabbitmqctl -q add_vhost dispatch-bench
rabbitmqctl -q set_permissions -p dispatch-bench guest '.*' '.*' '.*'

java -cp "bench/target/classes:bench/target/lib/*" \
  -Dbench.java="$service_java" -Dbench.jvm="${SERVICE_JVM:--Xmx256m}" -Dbench.ended="${ENDED:-100000}" \
  -Dbench.seconds="${LOOP_SECONDS:-30}" -Dbench.connections="${CONNECTIONS:-16}" \
  io.dispatch.bench.RetentionBenchmark "$jar"
