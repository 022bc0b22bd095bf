#!/usr/bin/env bash
# Thread switches of a running service, per thread group, over a window:
#   bash bench/switches.sh SERVICE_PID SECONDS [TICKETS]
# reads voluntary + involuntary switches of every thread from /proc before and after the window and
# prints the difference by thread name (numbers at the end dropped: pools count as one), per second
# or, given the tickets handled in the window, per ticket. On the benchmark's virtual machine a switch
# is dear: at low rates the service's cost follows its switches more than its code (README, Performance).
set -euo pipefail
pid=$1; seconds=$2; tickets=${3:-}
snapshot() {
  for t in /proc/"$pid"/task/*; do
    # A thread may end between the listing and the read.
    { name=$(tr ' ' '_' <"$t/comm"); } 2>/dev/null || continue
    awk -v tid="${t##*/}" -v name="$name" '/^(non)?voluntary_ctxt_switches/ {n += $2} END {print tid, name, n}' \
      "$t/status" 2>/dev/null || true
  done
}
before=$(snapshot); sleep "$seconds"; after=$(snapshot)
per=${tickets:-$seconds}; unit=$([ -n "$tickets" ] && echo ticket || echo s)
awk -v per="$per" -v unit="$unit" '
  NR == FNR { seen[$1] = $3; next }
  { group = $2; sub(/[-_#]?[0-9]+$/, "", group); n = $3 - seen[$1]; sum[group] += n; total += n }
  END {
    for (g in sum) printf "%-32s %9d %8.2f/%s\n", g, sum[g], sum[g] / per, unit | "sort -k2 -nr"
    close("sort -k2 -nr")
    printf "%-32s %9d %8.2f/%s\n", "all threads", total, total / per, unit
  }' <(echo "$before") <(echo "$after")
