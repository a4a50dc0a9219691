#!/usr/bin/env python3
"""Client-side measurements of `roster list` against `roster serve` (standard library only).

    python3 Benchmarks/Clients/measure_clients.py cpu [--records 40000] [--rounds 3]
        P4: client CPU (user + system) and wall time of `roster list --provider frontcore --format
        jsonl` and of frontcore_list.py (the hand-written requests loop) over the same Frontcore pages.
    python3 Benchmarks/Clients/measure_clients.py rss [--small 10000] [--large 1000000]
        P3: peak resident memory (ru_maxrss) of `roster list --format jsonl` streaming SMALL and LARGE
        records from each vendor's simulator, and their ratio.
    python3 Benchmarks/Clients/measure_clients.py seed [--sizes 10000,100000,1000000]
        Simulator at scale: seconds from starting `roster serve --records N` to serving, and the
        server's peak resident memory (VmHWM) once it serves, for each vendor and size.

Each client runs as a child process; its CPU time and peak memory come from wait4(), so the server
(another process) is not counted. `--roster` names the binary (default .build/release/roster); its
`serve` runs the `roster-serve` beside it, so build both (`swift build -c release`).
"""
import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# A local simulator enforces no limit: pace to a budget that never waits, and run without a deadline.
UNPACED = ["--rate-limit", "1000000/1", "--deadline", "0"]
VENDORS = {"frontcore": "FRONTCORE", "meltingspot": "MELTINGSPOT", "course-dashboard": "COURSE_DASHBOARD"}


def serve(roster, vendor, records, courses):
    """Starts `roster serve` for one vendor; returns (process, environment for the clients, seconds to ready)."""
    started = time.monotonic()
    process = subprocess.Popen(
        [roster, "serve", "--vendor", vendor, "--port", "0", "--records", str(records), "--courses", str(courses)],
        stdout=subprocess.PIPE, text=True)
    env = dict(os.environ)
    for line in process.stdout:
        if line.startswith("export "):
            name, _, value = line[len("export "):].strip().partition("=")
            env[name] = value
        if line.startswith("# serving"):
            return process, env, time.monotonic() - started
    raise SystemExit("roster serve ended before serving")


def run(command, env):
    """Runs `command` with stdout counted; returns (lines, cpu seconds, wall seconds, peak KiB)."""
    started = time.monotonic()
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE)
    lines = 0
    while True:
        chunk = child.stdout.read(1 << 20)
        if not chunk:
            break
        lines += chunk.count(b"\n")
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - started
    if status != 0:
        raise SystemExit(f"{command[0]} failed with status {status}")
    return lines, usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss


def cpu(args):
    server, env, ready = serve(args.roster, "frontcore", args.records // args.courses, args.courses)
    try:
        print(f"frontcore simulator: {args.records} participants, ready in {ready:.1f} s")
        clients = {
            # Neither client paces itself to the vendor's 5 requests/s: the comparison is of work done.
            "roster list": [args.roster, "list", "--provider", "frontcore", "--format", "jsonl", *UNPACED],
            "python requests": [sys.executable, os.path.join(HERE, "frontcore_list.py")],
        }
        best = {}
        for round_number in range(1, args.rounds + 1):
            for name, command in clients.items():
                lines, seconds, wall, _ = run(command, env)
                if lines != args.records:
                    raise SystemExit(f"{name} printed {lines} records, expected {args.records}")
                print(f"round {round_number} {name:16} cpu {seconds:7.3f} s  wall {wall:7.3f} s")
                best[name] = min(best.get(name, (1e9, 1e9)), (seconds, wall))
        roster, python = best["roster list"], best["python requests"]
        print(f"best cpu: roster {roster[0]:.3f} s, python {python[0]:.3f} s, ratio {roster[0] / python[0]:.3f}")
        print(f"best wall: roster {roster[1]:.3f} s, python {python[1]:.3f} s, ratio {roster[1] / python[1]:.3f}")
    finally:
        server.terminate()
        server.wait()


def rss(args):
    for vendor in args.vendors.split(","):
        peaks = {}
        for total in (args.small, args.large):
            server, env, ready = serve(args.roster, vendor, total // args.courses, args.courses)
            try:
                command = [args.roster, "list", "--provider", vendor, "--format", "jsonl", *UNPACED]
                lines, seconds, wall, peak = run(command, env)
                expected = total // args.courses * args.courses
                # Course Dashboard lists each course's creator and manager too.
                if lines < expected:
                    raise SystemExit(f"{vendor}: {lines} records, expected at least {expected}")
                peaks[total] = peak
                print(f"{vendor:16} {lines:>9} records: peak {peak / 1024:7.1f} MiB, cpu {seconds:7.2f} s, "
                      f"wall {wall:7.2f} s (server ready in {ready:.1f} s)")
            finally:
                server.terminate()
                server.wait()
        print(f"{vendor:16} ratio {args.large}/{args.small}: {peaks[args.large] / peaks[args.small]:.3f}")


def seed(args):
    for vendor in args.vendors.split(","):
        for total in (int(size) for size in args.sizes.split(",")):
            server, _, ready = serve(args.roster, vendor, total // args.courses, args.courses)
            try:
                with open(f"/proc/{server.pid}/status") as status:
                    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
                print(f"{vendor:16} {total:>9} records: serving after {ready:6.2f} s, peak {peak / 1024:7.1f} MiB")
            finally:
                server.terminate()
                server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--roster", default=".build/release/roster")
    parser.add_argument("--courses", type=int, default=4)
    sub = parser.add_subparsers(dest="mode", required=True)
    p4 = sub.add_parser("cpu")
    p4.add_argument("--records", type=int, default=40000)
    p4.add_argument("--rounds", type=int, default=3)
    p3 = sub.add_parser("rss")
    p3.add_argument("--small", type=int, default=10000)
    p3.add_argument("--large", type=int, default=1000000)
    p3.add_argument("--vendors", default="frontcore,meltingspot,course-dashboard")
    seeding = sub.add_parser("seed")
    seeding.add_argument("--sizes", default="10000,100000,1000000")
    seeding.add_argument("--vendors", default="frontcore,meltingspot,course-dashboard")
    args = parser.parse_args()
    {"cpu": cpu, "rss": rss, "seed": seed}[args.mode](args)


if __name__ == "__main__":
    main()
