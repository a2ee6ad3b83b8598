#!/usr/bin/env bash
# Runs the JMH benchmarks of the library (shared-state/src/test/java/io/sharedstate/benchmarks).
#   docs/bench/run-jmh.sh                      all of them
#   docs/bench/run-jmh.sh HandleBenchmark      one class (any JMH regex and options work: -f 1 -wi 3 -i 5)
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -pl shared-state -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test >&2
classpath="shared-state/target/test-classes:shared-state/target/classes:$(cat shared-state/target/test.classpath)"
exec java @shared-state/target/classes/io/sharedstate/jvm.options -cp "$classpath" org.openjdk.jmh.Main "$@"
