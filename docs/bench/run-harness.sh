#!/usr/bin/env bash
# Runs one of the multi-process harnesses in io.sharedstate.benchmarks (what JMH cannot coordinate):
#   docs/bench/run-harness.sh MultiProcessBenchmark --procs 2 --ops 5000000 [--journal on] [--array]
#   docs/bench/run-harness.sh ColdStartBenchmark 10
#   docs/bench/run-harness.sh WatchLatencyBenchmark 2000
#   docs/bench/run-harness.sh JournalSizeBenchmark 1000000
set -euo pipefail
cd "$(dirname "$0")/../.."
harness="$1"
shift
mvn -q -B -pl shared-state -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >&2
classpath="shared-state/target/test-classes:shared-state/target/classes:$(cat shared-state/target/test.classpath)"
exec java @shared-state/target/classes/io/sharedstate/jvm.options -cp "$classpath" \
    "io.sharedstate.benchmarks.$harness" "$@"
