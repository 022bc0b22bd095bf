#!/usr/bin/env python3
"""Where a machine's CPU goes while Dispatch works: the service, PostgreSQL, RabbitMQ, the load
generator and the rest, over SECONDS, and per ticket when TICKETS is given.

    python3 bench/cpu-split.py SECONDS [TICKETS]

Start it together with a load (bench/run.sh, or any client), for as long as the load runs. The
service's own CPU is only a part of what a ticket costs: on a small machine the database and the
broker share its cores, and a statement or a message less saves their time as well. A process that
ends within the window loses its time (PostgreSQL's pooled backends and the broker do not).
"""
import os
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def group(comm, cmdline):
    if comm.startswith("postgres"):
        return "postgresql"
    if comm.startswith(("beam", "erl_child", "epmd", "inet_gethost")):
        return "rabbitmq"
    if "LoadGen" in cmdline or "io.dispatch.bench" in cmdline:
        return "load generator"
    if "dispatch" in cmdline and ("-jar" in cmdline or "io.dispatch.DispatchApplication" in cmdline):
        return "service"
    return "rest"


def processes():
    seen = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
            with open(f"/proc/{pid}/cmdline") as f:
                cmdline = f.read().replace("\0", " ")
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        seen[pid] = (group(comm, cmdline), (int(fields[11]) + int(fields[12])) / TICK)
    return seen


def machine_busy():
    with open("/proc/stat") as f:
        ticks = [int(x) for x in f.readline().split()[1:]]
    return (sum(ticks) - ticks[3] - ticks[4]) / TICK  # all but idle and iowait


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    seconds = float(sys.argv[1])
    tickets = int(sys.argv[2]) if len(sys.argv) == 3 else None
    before, busy_before = processes(), machine_busy()
    time.sleep(seconds)
    after, busy_after = processes(), machine_busy()
    spent = {}
    for pid, (name, cpu) in after.items():
        start = before.get(pid, (name, 0.0))[1]
        spent[name] = spent.get(name, 0.0) + cpu - start
    spent["machine (all cores)"] = busy_after - busy_before
    print(f"{'':20s} {'CPU s':>8s} {'cores':>6s}" + (f" {'ms/ticket':>10s}" if tickets else ""))
    for name in ("service", "postgresql", "rabbitmq", "load generator", "rest", "machine (all cores)"):
        cpu = spent.get(name, 0.0)
        line = f"{name:20s} {cpu:8.1f} {cpu / seconds:6.2f}"
        print(line + (f" {cpu * 1000 / tickets:10.3f}" if tickets else ""))


if __name__ == "__main__":
    main()
