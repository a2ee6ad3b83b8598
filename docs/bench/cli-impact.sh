#!/usr/bin/env bash
# How much do read-only CLI commands slow a live writer?
#   docs/bench/cli-impact.sh STORE [SECONDS_PER_PHASE] [on|off] [BUSY_MS]
#
# Works on a scratch copy of STORE (deleted at the end). One writer process (io.sharedstate.cli.bench.WriterBench)
# increments a key of the copy in a tight loop for BUSY_MS of every second (default: 1000 without journal, 100
# with: a journaled increment appends ~60 bytes, so a flat-out journaled writer fills a disk at 200 MB/s) and
# prints its increments per busy second. Meanwhile this script cycles through phases of SECONDS_PER_PHASE (8):
#   idle | dump loop (bin/shared-state dump STORE > /dev/null, again and again) | idle | stat loop | idle | ...
# and reports the writer's mean rate per phase kind, skipping each phase's first second (transition).
# STORE is best a big one (io.sharedstate.cli.bench.FillStore STORE 1000000 off). Needs the jars and the test
# classes: mvn -B -DskipTests package && mvn -B -pl shared-state test-compile. CYCLES (default 3) sets the cycles;
# SHARED_STATE_NICE=0 runs the CLI without the launcher's nice.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
phase="${2:-8}"
journal="${3:-off}"
busy="${4:-$([[ $journal == on ]] && echo 100 || echo 1000)}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -r "$1" "$scratch/store"
rm -rf "$scratch/store/journal"/*
store="$scratch/store"
jar="$root/shared-state/target/shared-state-0.1.0-SNAPSHOT-cli.jar"
cp="$root/shared-state/target/test-classes:$jar"
opts="$root/shared-state/target/classes/io/sharedstate/jvm.options"
cycles="${CYCLES:-3}"
total=$(( phase * (cycles * 3 + 1) + 5 ))
log="$scratch/writer.log"
phases="$scratch/phases.log"

java @"$opts" -cp "$cp" io.sharedstate.cli.bench.WriterBench "$store" "bench.counter.journal-$journal" "$total" "$journal" "$busy" \
    > "$log" &
writer=$!
sleep 3   # JIT warm-up of the writer

mark() { echo "$(date +%s%3N) $1" >> "$phases"; }
loop() {  # runs a CLI command again and again until the phase ends
    local until=$(( $(date +%s) + phase ))
    while (( $(date +%s) < until )); do "$root/shared-state" "$@" "$store" > /dev/null; done
}
"$root/shared-state" --version > /dev/null  # build and CDS archive outside the measurement
for (( c = 0; c < cycles; c++ )); do
    mark idle; sleep "$phase"
    mark dump; loop dump
    mark idle; sleep "$phase"
    mark stat; loop stat
done
mark idle; sleep "$phase"
mark end
wait "$writer"

python3 - "$log" "$phases" <<'PY'
import sys, statistics
samples = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if l.strip()]
marks = [l.split() for l in open(sys.argv[2]) if l.strip()]
marks = [(int(t), kind) for t, kind in marks]
rates = {}
for (start, kind), (end, _) in zip(marks, marks[1:]):
    # a sample at time t counts the second before t; skip the first second of each phase
    inside = [n for t, n in samples if start + 2000 <= t <= end]
    rates.setdefault(kind, []).extend(inside)
idle = statistics.mean(rates['idle'])
for kind in ('idle', 'dump', 'stat'):
    r = rates.get(kind, [])
    if r:
        m = statistics.mean(r)
        print(f"{kind:5s} {len(r):3d} s  mean {m/1e6:7.3f} M incr/s  median {statistics.median(r)/1e6:7.3f}  "
              f"vs idle {100*(m/idle-1):+6.1f}%")
PY
echo "writer: journal $journal, busy $busy ms/s; journal size at the end: $(du -sh "$store/journal" | cut -f1)"
