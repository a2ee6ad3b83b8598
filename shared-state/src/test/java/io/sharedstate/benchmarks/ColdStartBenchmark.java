package io.sharedstate.benchmarks;

import io.sharedstate.SharedState;
import io.sharedstate.internal.ChronicleBootstrap;
import io.sharedstate.testing.JavaProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The wall time of a fresh JVM that opens an existing store, does one journaled increment and exits — what a
 * short-lived process pays. Run with {@code docs/bench/run-harness.sh ColdStartBenchmark [runs]}.
 */
public final class ColdStartBenchmark {
    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ChronicleBootstrap.configure();
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dir = Files.createTempDirectory("shared-state-cold").resolve("store");
        try (SharedState state = SharedState.open(dir)) {
            state.longValue("hits", 0);
        }
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            try (JavaProcess child = JavaProcess.start(JavaProcess.FULL_JIT, Child.class, dir)) {
                child.awaitSuccess(Duration.ofSeconds(60));
            }
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        try (SharedState state = SharedState.open(dir)) {
            System.out.printf("cold start (JVM start + open + 1 increment + exit), %d runs: median %d ms, min %d ms, "
                    + "max %d ms; hits = %d%n", runs, median(millis), Collections.min(millis),
                    Collections.max(millis), state.longValue("hits").get());
        }
        BenchmarkFiles.delete(dir.getParent());
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Opens the store, increments once, exits. */
    public static final class Child {
        private Child() {
        }

        public static void main(String[] args) {
            try (SharedState state = SharedState.open(Path.of(args[0]))) {
                state.longValue("hits").incrementAndGet();
            }
        }
    }
}
