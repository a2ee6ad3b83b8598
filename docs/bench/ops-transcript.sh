#!/usr/bin/env bash
# Prints a transcript of every CLI command run on a sample store: the source of the examples in docs/ops.md.
#   docs/bench/ops-transcript.sh [DIR]     (DIR default /tmp/ops-demo; it is deleted first)
# Needs: mvn -B -DskipTests package && mvn -B -pl shared-state test-compile
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${1:-/tmp/ops-demo}"
cp="$root/shared-state/target/test-classes:$root/shared-state/target/shared-state-0.1.0-SNAPSHOT-cli.jar"
opts="$root/shared-state/target/classes/io/sharedstate/jvm.options"
export PATH="$root/bin:$PATH"
rm -rf "$dir"
java @"$opts" -cp "$cp" io.sharedstate.cli.bench.SampleStore "$dir" 2>/dev/null

run() {
    echo "\$ $*"
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

# a live process holding a lock
java @"$opts" -cp "$cp" io.sharedstate.cli.bench.SampleStore "$dir" hold > /tmp/ops-holder.out 2>/dev/null &
holder=$!
until grep -q ready /tmp/ops-holder.out 2>/dev/null; do sleep 0.2; done
sleep 1.5
run shared-state stat "$dir"
run shared-state locks "$dir"
run shared-state locks "$dir" --json
run shared-state dump "$dir" --prefix orders.
run shared-state recover "$dir"
kill -9 "$holder"; wait "$holder" 2>/dev/null
run shared-state locks "$dir"
run shared-state stat "$dir" --json
run shared-state recover "$dir"
run shared-state locks "$dir"
run shared-state rm "$dir" hot.counter
run shared-state stat "$dir"

# watch: a change made while it runs, then SIGINT (job control on: otherwise bash starts background jobs with
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
echo "\$ shared-state watch $dir      # then, in another shell: incr orders.total 5; set maintenance false; rm grade; then Ctrl-C"
cat /tmp/ops-watch.err /tmp/ops-watch.out
echo "[exit $status]"
echo
shared-state watch "$dir" --json > /tmp/ops-watch.out 2> /tmp/ops-watch.err &
watcher=$!
sleep 2
shared-state incr "$dir" orders.total > /dev/null
sleep 1
kill -TERM "$watcher"; wait "$watcher"; status=$?
echo "\$ shared-state watch $dir --json      # then: incr orders.total; then kill -TERM"
cat /tmp/ops-watch.err /tmp/ops-watch.out
echo "[exit $status]"
echo

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
rm -rf "$dir-truncated"
run shared-state dump "$dir" | head -3
