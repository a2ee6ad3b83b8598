#!/usr/bin/env bash
# Prints a transcript of every CLI command run on sample stores: the source of the examples in docs/ops.md.
#   docs/bench/ops-transcript.sh > transcript.txt && python3 docs/bench/refresh-ops-md.py transcript.txt
# Stores: /tmp/ops-demo, /tmp/ops-bad (values overwritten on disk), /tmp/ops-demo-truncated; deleted first.
# Needs: mvn -B -DskipTests package && mvn -B -pl shared-state test-compile
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir=/tmp/ops-demo
cp="$root/shared-state/target/test-classes:$root/shared-state/target/shared-state-0.1.0-SNAPSHOT-cli.jar"
opts="$root/shared-state/target/classes/io/sharedstate/jvm.options"
export PATH="$root/bin:$PATH"
rm -rf "$dir" "$dir-truncated" /tmp/ops-bad
java @"$opts" -cp "$cp" io.sharedstate.cli.bench.SampleStore "$dir" 2>/dev/null

# run [# COMMENT] COMMAND...: prints "$ COMMAND  # COMMENT", its stdout and stderr, and its exit status
run() {
    local comment=""
    if [[ "$1" == "#" ]]; then comment="      # $2"; shift 2; fi
    echo "\$ $*$comment"
    "$@" 2>&1
    echo "[exit $?]"
    echo
}

cd /tmp
run shared-state --help
run shared-state dump "$dir"
run shared-state dump "$dir" --json --prefix orders.
run shared-state get "$dir" orders.total
run shared-state get "$dir" latency.p50-p99-ms
run shared-state get "$dir" latency.p50-p99-ms --index 2
run shared-state get "$dir" symbol --json
run shared-state set "$dir" latency.p50-p99-ms 1.5 9 30.25
run shared-state set "$dir" grade B
run shared-state set "$dir" maintenance true
run shared-state set "$dir" shard.flags --index 1 1
run shared-state incr "$dir" orders.total
run shared-state incr "$dir" orders.total -- -34
run shared-state incr "$dir" load.avg 0.5
run shared-state incr "$dir" latency.p50-p99-ms --index 0 0.25
run shared-state journal "$dir" --since 10m --prefix latency
run shared-state journal "$dir" --key orders.total --json
run shared-state verify "$dir"

# a live process holding the lock of orders.pending
java @"$opts" -cp "$cp" io.sharedstate.cli.bench.SampleStore "$dir" hold > /tmp/ops-holder.out 2>/dev/null &
holder=$!
until grep -q ready /tmp/ops-holder.out 2>/dev/null; do sleep 0.2; done
sleep 1.5
run shared-state stat "$dir"
run shared-state locks "$dir"
run shared-state locks "$dir" --json
run shared-state dump "$dir" --prefix orders.
echo "\$ shared-state get $dir orders.pending      # a live process holds its lock; Ctrl-C after 2 s"
set -m
shared-state get "$dir" orders.pending 2>&1 &
getter=$!
sleep 2
kill -INT "$getter"; wait "$getter"; echo "[exit $?]"
set +m
echo
run "#" "a live process holds it open" shared-state recover "$dir"
kill -9 "$holder"; wait "$holder" 2>/dev/null
run "#" "after kill -9 of the lock's owner" shared-state locks "$dir"
run "#" "after kill -9 of the lock's owner" shared-state stat "$dir" --json
run "#" "after kill -9 of the lock's owner" shared-state get "$dir" orders.pending
run "#" "after kill -9 of the lock's owner" shared-state recover "$dir"
run "#" "after recover" shared-state locks "$dir"
run shared-state rm "$dir" hot.counter

# watch: changes made while it runs, then SIGINT (job control on: otherwise bash starts background jobs with
# SIGINT ignored, and so would they stay)
set -m
shared-state watch "$dir" > /tmp/ops-watch.out 2> /tmp/ops-watch.err &
watcher=$!
sleep 2
shared-state incr "$dir" orders.total 5 > /dev/null
shared-state set "$dir" maintenance false
shared-state rm "$dir" grade
sleep 1
kill -INT "$watcher"; wait "$watcher"; status=$?
echo "\$ shared-state watch $dir      # in another shell: incr orders.total 5; set maintenance false; rm grade; then Ctrl-C"
cat /tmp/ops-watch.err /tmp/ops-watch.out
echo "[exit $status]"
echo
shared-state watch "$dir" --json > /tmp/ops-watch.out 2> /tmp/ops-watch.err &
watcher=$!
sleep 2
shared-state incr "$dir" orders.total > /dev/null
sleep 1
kill -TERM "$watcher"; wait "$watcher"; status=$?
echo "\$ shared-state watch $dir --json      # in another shell: incr orders.total; then kill -TERM"
cat /tmp/ops-watch.err /tmp/ops-watch.out
echo "[exit $status]"
echo
set +m

# bad input
run shared-state get /nonexistent hits
run shared-state dump /tmp
run shared-state get "$dir" nope
run shared-state set "$dir" orders.total 12abc
run shared-state set "$dir" latency.p50-p99-ms 1 2
run shared-state set "$dir" shard.flags --index 0 256
run shared-state incr "$dir" maintenance
run shared-state journal "$dir" --since yesterday
run shared-state frobnicate "$dir"
cp -r "$dir" "$dir-truncated"; truncate -s 100000 "$dir-truncated/values.cm3"
run shared-state dump "$dir-truncated"
run shared-state verify "$dir-truncated"

# damage on disk: the type byte of load.avg and the value of workers.alive overwritten
cp -r "$dir" /tmp/ops-bad
python3 - <<'PY'
import mmap, struct
with open('/tmp/ops-bad/values.cm3', 'r+b') as f:
    m = mmap.mmap(f.fileno(), 0)
    magic = struct.pack('<I', 0x53534531)      # an entry's magic, at base + 24
    i = m.find(magic)
    while i >= 0:
        base = i - 24
        if i % 8 == 0 and base >= 128:
            before = m[base - 128:base]
            if b'workers.alive' in before:
                m[base + 56:base + 60] = struct.pack('<i', 40)
            if b'load.avg' in before:
                m[base + 28:base + 29] = b'Z'
        i = m.find(magic, i + 1)
    m.flush()
PY
run "#" "load.avg's type byte and workers.alive's value overwritten on disk" shared-state verify /tmp/ops-bad
run shared-state dump /tmp/ops-bad --prefix load
run shared-state get /tmp/ops-bad load.avg
run shared-state recover /tmp/ops-bad
run "#" "after recover" shared-state verify /tmp/ops-bad
run shared-state set /tmp/ops-bad workers.alive 40
run "#" "after set" shared-state verify /tmp/ops-bad
rm -rf "$dir-truncated" /tmp/ops-holder.out /tmp/ops-watch.out /tmp/ops-watch.err
