#!/usr/bin/env bash
# Prints how long delivery paused when a RabbitMQ node was lost under load: runs
# BrokerNodeLossIntegrationTest (a three-node cluster on this machine, ops/rabbit-cluster/cluster.sh,
# next to the local PostgreSQL and RabbitMQ) and shows what each case printed. Never fails on time.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/node-loss.log
mkdir -p target
./mvnw -B -q -ntp verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=BrokerNodeLossIntegrationTest >"$out" 2>&1 || { tail -n 40 "$out"; exit 1; }
grep -E '^node loss' "$out" || { echo "no node-loss case ran (skipped?); see $out"; exit 1; }
