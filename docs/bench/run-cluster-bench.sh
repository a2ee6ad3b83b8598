#!/usr/bin/env bash
# Issue 11: the cluster layer's per-operation latency beside the raw Ignite calls it wraps, and beside the local
# store, on a 3-member loopback cluster (ports 50500.. and 50100..): io.sharedstate.cluster.benchmarks.ClusterBenchmark.
# Prints the table; --out writes it as JSON, or CSV if the name ends in .csv. Run it on a quiet machine:
#   docs/bench/run-cluster-bench.sh --out cluster-bench.json                   # this JVM is the third member
#   docs/bench/run-cluster-bench.sh --client --out cluster-bench-client.json  # 3 member JVMs, this JVM a client
#   docs/bench/run-cluster-bench.sh --warmup 2 --seconds 3 --rounds 3        # a quick check, not a measurement
# Options: [--client] [--placement remote|primary|backup] [--warmup S] [--seconds S] [--rounds N]
#          [--ops get,increment,lock,watch,local] [--out FILE]. Defaults: member, remote, 10 s, 20 s, 5 rounds, all.
set -euo pipefail
cd "$(dirname "$0")/../.."
module=shared-state/cluster
mvn -q -B -pl "$module" -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >&2
classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/test.classpath")"
exec java @"$module/target/classes/io/sharedstate/cluster/jvm.options" -cp "$classpath" \
    io.sharedstate.cluster.benchmarks.ClusterBenchmark "$@"
